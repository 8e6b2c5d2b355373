// The PioneerScreening layer; see Package.swift for the layering.
