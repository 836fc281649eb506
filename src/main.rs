// Talc in place of dlmalloc: faster and smaller (see Cargo.toml and talc's README_WASM.md).
#[cfg(all(target_family = "wasm", not(target_feature = "atomics")))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

fn main() {
    console_error_panic_hook::set_once();
    samrad::shell::register_service_worker();
    leptos::mount::mount_to_body(samrad::App);
}
