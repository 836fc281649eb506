//! What the fixture tool (`samrad-fixture`) and the load tool (`samrad-load`) share: talking
//! to the server as a participant — signing in with a personal link.

pub mod session;
