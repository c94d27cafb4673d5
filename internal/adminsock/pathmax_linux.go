package adminsock

// maxPath is the longest socket path the system takes: sun_path holds 108
// bytes, with the terminating NUL.
const maxPath = 107
