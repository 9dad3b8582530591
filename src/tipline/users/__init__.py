"""People who sign in to the portal: accounts (argon2 + TOTP), lockout, sessions."""
