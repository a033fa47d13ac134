import Foundation

/// Runs the built `titlebridge` (beside the test bundle) as an operator would, on the embedded
/// database only; returns its exit status and output (with standard error when asked), after
/// writing `input` to its standard input.
func runTitlebridge(_ arguments: [String], input: String? = nil, stderr: Bool = false) throws -> (Int32, String) {
    let process = Process()
    process.executableURL = ServeCommandTests.executable
    process.arguments = arguments
    var environment = ProcessInfo.processInfo.environment
    environment["DATABASE_URL"] = nil
    environment["LOG_LEVEL"] = "error"
    // The clock, the policies and the batch are the arguments' to set, never the test runner's.
    for name in ["TITLEBRIDGE_CLOCK", "TITLEBRIDGE_POLICY_DIR", "TITLEBRIDGE_BATCH"] { environment[name] = nil }
    process.environment = environment
    let output = Pipe()
    process.standardOutput = output
    process.standardError = stderr ? output : FileHandle.nullDevice
    let stdin = Pipe()
    if input != nil { process.standardInput = stdin }
    try process.run()
    if let input {
        stdin.fileHandleForWriting.write(Data(input.utf8))
        try stdin.fileHandleForWriting.close()
    }
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: data, as: UTF8.self))
}
