// The PioneerRecords layer; see Package.swift for the layering.
