// swift-tools-version:6.0
// pioneer: screens applications for the Telework Pioneers 100 award (テレワーク先駆者百選).
// Layers, dependencies pointing one way:
//   PioneerRules (rule language + exact values) ← PioneerRecords (CSV bytes → typed records)
//   ← PioneerScreening (batches, selection, audit) ← PioneerReports (writers)
//   ← PioneerCLI (commands as a library) ← pioneer (the thin executable).
//   CSHA256Hardware (C: SHA-256 on the x86-64 SHA instructions) ← PioneerScreening only.
import PackageDescription

let package = Package(
  name: "pioneer",
  products: [
    .executable(name: "pioneer", targets: ["pioneer"]),
    .library(name: "PioneerRules", targets: ["PioneerRules"]),
  ],
  targets: [
    .target(name: "PioneerRules"),
    .target(name: "PioneerRecords", dependencies: ["PioneerRules"]),
    .target(name: "CSHA256Hardware"),
    .target(
      name: "PioneerScreening",
      dependencies: ["PioneerRules", "PioneerRecords", "CSHA256Hardware"]),
    .target(
      name: "PioneerReports", dependencies: ["PioneerRules", "PioneerRecords", "PioneerScreening"]),
    .target(
      name: "PioneerCLI",
      dependencies: ["PioneerRules", "PioneerRecords", "PioneerScreening", "PioneerReports"]),
    .executableTarget(name: "pioneer", dependencies: ["PioneerCLI"]),
    // Helpers the test targets share (test targets cannot import one another).
    .target(name: "PioneerTestSupport", path: "Tests/PioneerTestSupport"),
    .testTarget(
      name: "PioneerRulesTests", dependencies: ["PioneerRules", "PioneerTestSupport"],
      exclude: ["Fixtures"]),
    .testTarget(
      name: "PioneerRecordsTests",
      dependencies: ["PioneerRecords", "PioneerRules", "PioneerTestSupport"]),
    .testTarget(
      name: "PioneerScreeningTests",
      dependencies: ["PioneerScreening", "PioneerRecords", "PioneerRules", "PioneerTestSupport"]),
    .testTarget(
      name: "PioneerReportsTests",
      dependencies: ["PioneerReports", "PioneerScreening", "PioneerRules"]),
    .testTarget(name: "PioneerCLITests", dependencies: ["PioneerCLI"]),
  ]
)
