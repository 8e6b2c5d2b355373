import Foundation
import PioneerReports
import PioneerRules
import Testing

/// A fresh folder per test, removed afterwards.
private final class Scratch {
  let folder: String

  init() throws {
    folder =
      FileManager.default.temporaryDirectory
      .appendingPathComponent("pioneer-atomic-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
  }

  deinit {
    try? FileManager.default.removeItem(atPath: folder)
  }

  func path(_ name: String) -> String { folder + "/" + name }

  func write(_ text: String, to name: String) throws {
    try Data(text.utf8).write(to: URL(fileURLWithPath: path(name)))
  }

  func read(_ name: String) throws -> String {
    String(decoding: try Data(contentsOf: URL(fileURLWithPath: path(name))), as: UTF8.self)
  }

  func names() throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
  }
}

private struct Failure: Error {}

@Suite struct AtomicFileWriterTests {
  @Test func commitWritesTheFileAndLeavesNoTemporaryFile() throws {
    let scratch = try Scratch()
    let writer = try AtomicFileWriter(path: scratch.path("report.csv"))
    try writer.write("id,outcome\r\n")
    try writer.commit()
    #expect(try scratch.read("report.csv") == "id,outcome\r\n")
    #expect(try scratch.names() == ["report.csv"])
  }

  @Test func commitReplacesThePreviousFile() throws {
    let scratch = try Scratch()
    try scratch.write("old", to: "report.json")
    try AtomicFileWriter.write(to: scratch.path("report.json")) { try $0.write("new") }
    #expect(try scratch.read("report.json") == "new")
    #expect(try scratch.names() == ["report.json"])
  }

  @Test func temporaryFileIsHiddenInTheSameFolderAndNamedAfterTheTarget() throws {
    let scratch = try Scratch()
    let writer = try AtomicFileWriter(path: scratch.path("report.md"))
    let name = URL(fileURLWithPath: writer.temporaryPath).lastPathComponent
    #expect(name.hasPrefix(".report.md.tmp-\(getpid())-"))
    #expect(
      URL(fileURLWithPath: writer.temporaryPath).deletingLastPathComponent().path
        == URL(fileURLWithPath: writer.resolvedPath).deletingLastPathComponent().path)
    #expect(try scratch.names() == [name])
    writer.discard()
  }

  @Test func twoWritersForTheSameTargetUseDifferentTemporaryFiles() throws {
    let scratch = try Scratch()
    let first = try AtomicFileWriter(path: scratch.path("r.csv"))
    let second = try AtomicFileWriter(path: scratch.path("r.csv"))
    #expect(first.temporaryPath != second.temporaryPath)
  }

  @Test func discardLeavesThePreviousFileIntact() throws {
    let scratch = try Scratch()
    try scratch.write("previous", to: "report.csv")
    let writer = try AtomicFileWriter(path: scratch.path("report.csv"))
    try writer.write(String(repeating: "x", count: 200_000))
    writer.discard()
    #expect(try scratch.read("report.csv") == "previous")
    #expect(try scratch.names() == ["report.csv"])
  }

  @Test func droppingWithoutCommitLeavesThePreviousFileIntact() throws {
    let scratch = try Scratch()
    try scratch.write("previous", to: "report.csv")
    do {
      let writer = try AtomicFileWriter(path: scratch.path("report.csv"))
      try writer.write("partial report")
      try writer.flush()
    }
    #expect(try scratch.read("report.csv") == "previous")
    #expect(try scratch.names() == ["report.csv"])
  }

  @Test func failingBodyLeavesThePreviousFileIntact() throws {
    let scratch = try Scratch()
    try scratch.write("previous", to: "report.html")
    #expect(throws: Failure.self) {
      try AtomicFileWriter.write(to: scratch.path("report.html")) { writer in
        try writer.write("<html>")
        throw Failure()
      }
    }
    #expect(try scratch.read("report.html") == "previous")
    #expect(try scratch.names() == ["report.html"])
  }

  @Test func usingTheWriterAfterCommitIsAnError() throws {
    let scratch = try Scratch()
    let writer = try AtomicFileWriter(path: scratch.path("r.csv"))
    try writer.commit()
    let finished = OutputError.alreadyFinished(path: scratch.path("r.csv"))
    #expect(throws: finished) { try writer.write("more") }
    #expect(throws: finished) { try writer.writeInPlace(atMost: 4) { _ in 0 } }
    #expect(throws: finished) { try writer.commit() }
  }

  @Test func bytesWrittenInPlaceReachTheFile() throws {
    let scratch = try Scratch()
    let writer = try AtomicFileWriter(path: scratch.path("r.csv"))
    try writer.write("id\r\n")
    let accepted = try writer.writeInPlace(atMost: 16) { room in
      room.copyBytes(from: "A-1\r\n".utf8)
      return 5
    }
    try writer.commit()
    #expect(accepted == 5)
    #expect(try scratch.read("r.csv") == "id\r\nA-1\r\n")
  }

  @Test func refusesOutputThatIsAnInput() throws {
    let scratch = try Scratch()
    try scratch.write("応募ID,企業・団体名\r\n", to: "applicants.csv")
    let input = scratch.path("applicants.csv")
    #expect(throws: OutputError.outputIsInput(output: input, input: input)) {
      try AtomicFileWriter(path: input, refusingInputs: [input])
    }
    #expect(try scratch.read("applicants.csv") == "応募ID,企業・団体名\r\n")
    #expect(try scratch.names() == ["applicants.csv"])
  }

  @Test func refusesOutputThatIsAnInputSpelledDifferently() throws {
    let scratch = try Scratch()
    try FileManager.default.createDirectory(
      atPath: scratch.path("sub"), withIntermediateDirectories: false)
    try scratch.write("data", to: "applicants.csv")
    let output = scratch.folder + "/sub/../applicants.csv"
    let input = scratch.folder + "/./applicants.csv"
    #expect(throws: OutputError.outputIsInput(output: output, input: input)) {
      try AtomicFileWriter(path: output, refusingInputs: ["/nonexistent/other.csv", input])
    }
  }

  @Test func refusesOutputThatIsASymlinkToAnInput() throws {
    let scratch = try Scratch()
    try scratch.write("data", to: "applicants.csv")
    try FileManager.default.createSymbolicLink(
      atPath: scratch.path("report.csv"), withDestinationPath: scratch.path("applicants.csv"))
    let refusal = OutputError.outputIsInput(
      output: scratch.path("report.csv"), input: scratch.path("applicants.csv"))
    #expect(throws: refusal) {
      try AtomicFileWriter(
        path: scratch.path("report.csv"), refusingInputs: [scratch.path("applicants.csv")])
    }
    #expect(try scratch.read("applicants.csv") == "data")
    #expect(try scratch.names() == ["applicants.csv", "report.csv"])
  }

  @Test func refusesOutputWhenTheInputIsASymlinkToIt() throws {
    let scratch = try Scratch()
    try scratch.write("data", to: "real.csv")
    try FileManager.default.createSymbolicLink(
      atPath: scratch.path("link.csv"), withDestinationPath: scratch.path("real.csv"))
    let refusal = OutputError.outputIsInput(
      output: scratch.path("real.csv"), input: scratch.path("link.csv"))
    #expect(throws: refusal) {
      try AtomicFileWriter.checkOutput(
        scratch.path("real.csv"), isNotOneOf: [scratch.path("link.csv")])
    }
  }

  @Test func refusesOutputThatIsAHardLinkToAnInput() throws {
    let scratch = try Scratch()
    try scratch.write("data", to: "applicants.csv")
    try FileManager.default.linkItem(
      atPath: scratch.path("applicants.csv"), toPath: scratch.path("hard.csv"))
    #expect(
      throws: OutputError.outputIsInput(
        output: scratch.path("hard.csv"), input: scratch.path("applicants.csv"))
    ) {
      try AtomicFileWriter(
        path: scratch.path("hard.csv"), refusingInputs: [scratch.path("applicants.csv")])
    }
  }

  @Test func acceptsAnOutputNextToTheInput() throws {
    let scratch = try Scratch()
    try scratch.write("data", to: "applicants.csv")
    try AtomicFileWriter.write(
      to: scratch.path("report.csv"), refusingInputs: [scratch.path("applicants.csv")]
    ) { try $0.write("ok") }
    #expect(try scratch.read("report.csv") == "ok")
  }

  @Test func symlinkedOutputReplacesTheLinkedFileAndKeepsTheLink() throws {
    let scratch = try Scratch()
    try scratch.write("old", to: "real.csv")
    try FileManager.default.createSymbolicLink(
      atPath: scratch.path("link.csv"), withDestinationPath: scratch.path("real.csv"))
    try AtomicFileWriter.write(to: scratch.path("link.csv")) { try $0.write("new") }
    #expect(try scratch.read("real.csv") == "new")
    #expect(
      try FileManager.default.destinationOfSymbolicLink(atPath: scratch.path("link.csv"))
        == scratch.path("real.csv"))
  }

  @Test func replacedFileKeepsItsPermissions() throws {
    let scratch = try Scratch()
    try scratch.write("old", to: "private.csv")
    #expect(chmod(scratch.path("private.csv"), 0o600) == 0)
    try AtomicFileWriter.write(to: scratch.path("private.csv")) { try $0.write("new") }
    var info = stat()
    #expect(stat(scratch.path("private.csv"), &info) == 0)
    #expect(info.st_mode & 0o777 == 0o600)
  }

  @Test func folderAsOutputIsRefused() throws {
    let scratch = try Scratch()
    #expect(throws: OutputError.notARegularFile(path: scratch.folder)) {
      try AtomicFileWriter(path: scratch.folder)
    }
  }

  @Test func missingFolderIsReported() throws {
    let scratch = try Scratch()
    let missing = scratch.path("no-such-folder")
    #expect(throws: OutputError.cannotResolve(path: missing, code: ENOENT)) {
      try AtomicFileWriter(path: missing + "/report.csv")
    }
  }

  @Test func relativePathWithoutFolderResolvesInTheCurrentFolder() throws {
    // Checked without creating anything: tests run in parallel, so none changes the folder.
    try AtomicFileWriter.checkOutput("pioneer-not-created-\(UUID().uuidString).csv", isNotOneOf: [])
  }

  @Test func errorMessagesComeInJapaneseAndEnglish() {
    let error = OutputError.outputIsInput(output: "out.csv", input: "in.csv")
    #expect(error.message(.ja).contains("入力ファイル"))
    #expect(error.message(.ja).contains("in.csv"))
    #expect(error.message(.en).contains("out.csv"))
    #expect(error.message(.en).contains("in.csv"))
    #expect(error.description == error.message(.en))
    let samples: [OutputError] = [
      .outputIsInput(output: "o", input: "i"), .cannotResolve(path: "p", code: ENOENT),
      .notARegularFile(path: "p"), .cannotCreateTemporary(directory: "d", code: EACCES),
      .writeFailed(path: "p", code: ENOSPC), .syncFailed(path: "p", code: EIO),
      .renameFailed(temporary: "t", output: "o", code: EXDEV), .alreadyFinished(path: "p"),
      .invalidJSON(.mismatchedEnd),
    ]
    for sample in samples {
      #expect(!sample.message(.ja).isEmpty && sample.message(.ja) != sample.message(.en))
    }
  }
}
