import Foundation

/// Runs the built `pioneer` executable, as a user would, and captures what it prints.
enum PioneerBinary {
  static let root = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

  /// `.build/<configuration>/pioneer`, beside the test bundle.
  static var executable: URL {
    var directory = Bundle.main.bundleURL
    if directory.pathExtension == "xctest" { directory.deleteLastPathComponent() }
    return directory.appendingPathComponent("pioneer")
  }

  struct Result {
    let status: Int32
    let output: Data
    let error: String
    var text: String { String(decoding: output, as: UTF8.self) }
  }

  /// Runs `pioneer ARGUMENTS` in the repository root with `environment` added.
  static func run(_ arguments: [String], environment: [String: String] = [:], stdin: Data? = nil)
    throws -> Result
  {
    let process = Process()
    process.executableURL = executable
    process.arguments = arguments
    process.currentDirectoryURL = root
    var env = ProcessInfo.processInfo.environment
    for (key, value) in environment { env[key] = value }
    process.environment = env
    return try capture(process, stdin: stdin)
  }

  /// Runs a configured process with its output going to files rather than pipes (a large
  /// report can never stall the child), killing it after `timeout` seconds if given.
  static func capture(_ process: Process, stdin: Data? = nil, timeout: Int? = nil) throws
    -> Result
  {
    let scratch = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: scratch) }
    let outURL = scratch.appendingPathComponent("stdout")
    let errURL = scratch.appendingPathComponent("stderr")
    _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
    _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
    let out = try FileHandle(forWritingTo: outURL)
    let err = try FileHandle(forWritingTo: errURL)
    process.standardOutput = out
    process.standardError = err
    let input = Pipe()
    process.standardInput = input
    try process.run()
    if let stdin { input.fileHandleForWriting.write(stdin) }
    try input.fileHandleForWriting.close()
    if let timeout {
      var waited = 0
      while process.isRunning && waited < timeout * 10 {
        Thread.sleep(forTimeInterval: 0.1)
        waited += 1
      }
      if process.isRunning { process.terminate() }
    }
    process.waitUntilExit()
    try out.close()
    try err.close()
    return Result(
      status: process.terminationStatus, output: try Data(contentsOf: outURL),
      error: String(decoding: try Data(contentsOf: errURL), as: UTF8.self))
  }

  /// A fresh temporary directory.
  static func temporaryDirectory() throws -> URL {
    let url = FileManager.default.temporaryDirectory
      .appendingPathComponent("pioneer-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }

  /// Expected rows from Samples/README.md's machine-readable block:
  /// `id,line,outcome,P1..H4,small,size`.
  static func expectedSampleRows() throws -> [[String]] {
    let readme = try String(
      contentsOf: root.appendingPathComponent("Samples/README.md"), encoding: .utf8)
    guard let start = readme.range(of: "```csv\n"),
      let end = readme.range(of: "```", range: start.upperBound..<readme.endIndex)
    else { return [] }
    return readme[start.upperBound..<end.lowerBound].split(separator: "\n").map {
      $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
    }.filter { $0.count >= 3 && $0[2] != "skipped" }
  }

  static func json(_ data: Data) throws -> [String: Any] {
    try JSONSerialization.jsonObject(with: data) as? [String: Any] ?? [:]
  }
}
