fn main() {
    console_error_panic_hook::set_once();
    samrad::shell::register_service_worker();
    leptos::mount::mount_to_body(samrad::App);
}
