// The PioneerCLI layer; see Package.swift for the layering.
