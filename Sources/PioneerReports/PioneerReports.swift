// The PioneerReports layer; see Package.swift for the layering.
