// The thin `pioneer` executable: everything it does lives in PioneerCLI.
