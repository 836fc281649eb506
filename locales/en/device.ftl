### The device copy, the offline shell and signing out.
### English.

device-menu = This device
device-keep = Keep the agreement on this device
device-keep_help = The agreement and what you write are kept encrypted in the browser, so it opens without a network and nothing you wrote is lost. It is deleted when you sign out.
device-turned_off = The device copy is off. Without a network, only what is open on the page is there.
device-off_full = The device copy is off: the browser's storage is full. Samråd works as usual while you are online, but what you write is not kept on this device.
device-off_unavailable = The device copy is off: the browser allows no storage here (private mode, for example). Samråd works as usual while you are online.
device-off_failed = The device copy is off ({ $error }). Samråd works as usual while you are online.
device-skipped = { $count ->
        [one] One record of the device copy was damaged and skipped; the rest comes from the server.
       *[other] { $count } records of the device copy were damaged and skipped; the rest comes from the server.
    }
device-draft_restored = Unsent draft – kept on this device

signout-button = Sign out
signout-pending = { $count ->
        [one] One change has not reached the server yet.
       *[other] { $count } changes have not reached the server yet.
    } If you sign out now, they are gone from this device.
signout-wait = Wait – sign out once everything is saved
signout-discard = Discard them and sign out
signout-cancel = Cancel
signout-waiting = Signing out once everything is saved …
signout-done_title = You are signed out
signout-done = The agreement and what you wrote have been deleted from this device. Open your personal link from the invitation to sign in again.
signout-unreached = The server could not be reached, so the session ends on the server only when it expires – but nothing of the agreement is left on this device.
