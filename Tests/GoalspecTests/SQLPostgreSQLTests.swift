import Foundation
import Testing
@testable import Goalspec

/// A PostgreSQL server for the tests: the one whose Unix socket folder GOALSPEC_PG_SOCKET names
/// (`.ci/run` starts one, user `postgres`, trust authentication), or else a throwaway cluster
/// started in a temporary folder with `initdb`/`pg_ctl` on a Unix socket and stopped at the end.
/// initdb refuses to run as root, so as root without GOALSPEC_PG_SOCKET the tests are skipped.
final class PostgreSQLServer {
    let socket: String
    let user = ProcessInfo.processInfo.environment["GOALSPEC_PG_USER"] ?? "postgres"
    private var cluster: String?

    static func tool(_ name: String) -> String? {
        for dir in (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":") + ["/usr/lib/postgresql/15/bin"] {
            let p = "\(dir)/\(name)"
            if FileManager.default.isExecutableFile(atPath: p) { return p }
        }
        return nil
    }

    static var givenSocket: String? {
        ProcessInfo.processInfo.environment["GOALSPEC_PG_SOCKET"].flatMap { $0.isEmpty ? nil : $0 }
    }

    /// Whether the tests can reach or start a server, and if not why.
    static let availability: (Bool, String) = {
        guard tool("psql") != nil else { return (false, "psql is not installed") }
        if givenSocket != nil { return (true, "") }
        guard tool("initdb") != nil, tool("pg_ctl") != nil else { return (false, "initdb and pg_ctl are not installed") }
        guard getuid() != 0 else {
            return (false, "running as root, where initdb refuses to run: set GOALSPEC_PG_SOCKET to the socket folder of a running server (.ci/run does)")
        }
        return (true, "")
    }()

    init() throws {
        if let given = Self.givenSocket {
            socket = given
            return
        }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("goalspec-pg-\(UUID().uuidString.prefix(8))").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        socket = dir
        cluster = dir + "/data"
        try Self.run(Self.tool("initdb")!, ["-D", dir + "/data", "-A", "trust", "-U", "postgres"])
        do {
            try Self.run(Self.tool("pg_ctl")!, ["-D", dir + "/data", "-o", "-k \(dir) -c listen_addresses=''", "-l", dir + "/log", "-w", "start"])
        } catch {
            stop()
            throw error
        }
    }

    /// Stops the throwaway cluster and removes its folder.
    func stop() {
        guard let cluster else { return }
        _ = try? Self.run(Self.tool("pg_ctl")!, ["-D", cluster, "-m", "immediate", "-w", "stop"])
        try? FileManager.default.removeItem(atPath: socket)
        self.cluster = nil
    }

    deinit { stop() }

    struct Failure: Error, CustomStringConvertible { var description: String }

    /// Runs a tool and waits for it, with posix_spawn and waitpid rather than Foundation's
    /// Process: `pg_ctl start` leaves a server running, and Process's wait never returned
    /// for it here. Output goes to a temporary file, read back on failure.
    @discardableResult
    static func run(_ tool: String, _ arguments: [String], stdin: String? = nil) throws -> String {
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("goalspec-pg-tool-\(UUID().uuidString).log").path
        defer { try? FileManager.default.removeItem(atPath: log) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, stdin ?? "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, log, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        let argv: [UnsafeMutablePointer<CChar>?] = ([tool] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, tool, &actions, nil, argv, environ)
        guard spawned == 0 else { throw Failure(description: "\(tool) did not start: \(String(cString: strerror(spawned)))") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let text = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
        guard status == 0 else { throw Failure(description: "\(tool) \(arguments.joined(separator: " ")) (status \(status)): \(text)") }
        return text
    }

    /// The URI of `table` in the server's `postgres` database.
    func uri(_ table: String) -> String {
        "postgresql:///postgres?host=\(socket)&user=\(user)&table=\(table)"
    }

    func psql(_ sql: String, stdin: String? = nil) throws {
        try Self.run(Self.tool("psql")!, ["-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", "postgresql:///postgres?host=\(socket)&user=\(user)", "-c", sql], stdin: stdin)
    }

    /// Loads a CSV data file into a typed table `schema.name`, typed as the in-process reader
    /// types the file (Bool → boolean, integer → bigint, decimal → numeric, text and periods → text).
    func load(_ path: String, time: String?, into table: String) throws {
        let schema = try TableReader.inferSchema(path: path, options: ReadOptions())
        let d = PostgreSQLDialect()
        let columns = schema.columns.map { c -> String in
            let type = switch c.type {
            case _ where c.name == time: "text"
            case .bool: "boolean"
            case .integer: "bigint"
            case .decimal, .percent: "numeric"
            case .text, .period: "text"
            }
            return d.identifier(c.name) + " " + type
        }
        try psql("CREATE TABLE \(table) (\(columns.joined(separator: ", ")))")
        try psql("COPY \(table) FROM STDIN (FORMAT csv, HEADER true)", stdin: path)
    }
}

@Suite("SQL on PostgreSQL", .serialized, .enabled(if: PostgreSQLServer.availability.0, "\(PostgreSQLServer.availability.1)"))
struct SQLPostgreSQLTests {
    static let root = testsDirectory.deletingLastPathComponent().deletingLastPathComponent()
    static func data(_ name: String) -> String { root.appendingPathComponent("Specs/data/\(name)").path }

    /// A fresh schema with employment and social loaded, dropped after `body`.
    func withTables(_ body: (PostgreSQLServer, String) throws -> Void) throws {
        let server = try PostgreSQLServer()
        defer { server.stop() }
        let schema = "goalspec_test_\(UUID().uuidString.prefix(8).lowercased())"
        try server.psql("CREATE SCHEMA \(schema)")
        defer { try? server.psql("DROP SCHEMA \(schema) CASCADE") }
        try server.load(Self.data("employment.csv"), time: "quarter", into: "\(schema).employment")
        try server.load(Self.data("social.csv"), time: "quarter", into: "\(schema).social")
        try body(server, schema)
    }

    @Test("the MSB 2026 spec gives the same verdicts and figures on PostgreSQL tables as on its CSV files")
    func msb2026() throws {
        try withTables { server, schema in
            let spec = Self.root.appendingPathComponent("Specs/aarhus-msb-2026.goal").path
            let files = Runner.run(files: [spec])
            let tables = Runner.run(files: [spec], options: Runner.Options(dataOverrides: [
                "employment": server.uri("\(schema).employment"), "social": server.uri("\(schema).social"),
            ]))
            #expect(tables.diagnostics.filter { $0.severity == .error }.isEmpty, "\(renderedDiagnostics(tables))")
            #expect(files.specs[0].evaluated && tables.specs[0].evaluated)
            #expect(tables.specs[0].datasets.map(\.path) == [server.uri("\(schema).employment"), server.uri("\(schema).social")])
            let verdicts = { (run: Runner.Run) in targets(run).mapValues { "\($0.verdict)" } }
            #expect(verdicts(tables) == verdicts(files))
            #expect(verdicts(files).count == 5)
            let style = TextStyle(colored: false)
            let a = ResultTextRenderer(style: style).render(files), b = ResultTextRenderer(style: style).render(tables)
            #expect(a == b, "\(goldenDiff(expected: a, actual: b))")
            #expect(b.contains("3115 of 4500 citizens") && b.contains("198260 of 230000 persons"))
            #expect(tables.exitStatus == files.exitStatus)
        }
    }

    @Test("hostile column names, values and table names round-trip on PostgreSQL, and the JSON result is the file's")
    func hostile() throws {
        try withTables { server, schema in
            let name = "'; DROP TABLE x; --\""
            try server.load(SQLEngineCase.hostileData, time: "kvartal", into: "\(schema).\(PostgreSQLDialect().identifier(name))")
            let encoded = name.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
            let hostile = SQLEngineCase.compare(SQLEngineCase.hostileSpec, tables: ["fjendtlig": server.uri("\(schema).\(encoded)")])
            #expect(hostile.targets > 0)
            #expect(hostile.differences.isEmpty, "\(hostile.differences.joined(separator: "\n"))")
            let msb = SQLEngineCase.compare(SQLEngineCase.msbSpec, tables: [
                "employment": server.uri("\(schema).employment"), "social": server.uri("\(schema).social"),
            ])
            #expect(msb.targets > 0)
            #expect(msb.differences.isEmpty, "\(msb.differences.joined(separator: "\n"))")
        }
    }

    @Test("a spec's data from table \"SCHEMA.TABLE\" in CONNECTION reads the table on the PostgreSQL connection given")
    func connectionInSpec() throws {
        try withTables { server, schema in
            let dir = try TempDir()
            let spec = try String(contentsOfFile: SQLEngineCase.msbSpec, encoding: .utf8)
                .replacingOccurrences(of: "from \"data/employment.csv\"", with: "from table \"\(schema).employment\" in warehouse")
                .replacingOccurrences(of: "from \"data/social.csv\"", with: "from table \"\(schema).social\" in warehouse")
            try dir.write("msb.goal", spec)
            var options = Runner.Options()
            options.connections = ["warehouse": "postgresql://postgres:s3cret-pw@/postgres?host=\(server.socket)"]
            let tables = Runner.run(files: [dir.path("msb.goal")], options: options)
            #expect(tables.diagnostics.isEmpty, "\(renderedDiagnostics(tables))")
            let a = SQLEngineCase.rendered(Runner.run(files: [SQLEngineCase.msbSpec])).json
            let b = SQLEngineCase.rendered(tables).json.replacingOccurrences(of: dir.path("msb.goal"), with: SQLEngineCase.msbSpec)
            #expect(a == b, "\(goldenDiff(expected: a, actual: b))")
            #expect(tables.specs.first?.datasets.allSatisfy { !$0.path.contains("s3cret") } == true)
        }
    }

    @Test("the checker's errors come from the table's columns and values, as from the file")
    func checkerErrors() throws {
        try withTables { server, schema in
            let dir = try TempDir(["spec.goal": """
                data social from "social.csv"
                  time quarter
                target wrong_column
                  data social
                  share(reched) >= 70%
                target wrong_type
                  data social
                  mean(dimension) >= 1
                target wrong_period
                  data social
                  at 2024M07
                  share(reached) >= 70%
                """])
            let spec = dir.path("spec.goal")
            let file = Runner.run(files: [spec], options: Runner.Options(dataOverrides: ["social": Self.data("social.csv")]))
            let table = Runner.run(files: [spec], options: Runner.Options(dataOverrides: ["social": server.uri("\(schema).social")]))
            let codes = { (run: Runner.Run) in run.diagnostics.map { "\($0.code) \($0.sourceRange?.lowerBound ?? -1)" } }
            #expect(!file.diagnostics.isEmpty)
            #expect(codes(table) == codes(file), "file:\n\(renderedDiagnostics(file))\ntable:\n\(renderedDiagnostics(table))")
            #expect(renderedDiagnostics(table).contains("finer than the data"))
            // A value that never occurs, in a spec that is otherwise right: reported from the values the table holds.
            try dir.write("value.goal", """
                data social from "social.csv"
                  time quarter
                target wrong_value
                  data social
                  for age_group = "adlt"
                  share(reached) >= 70%
                """)
            let fileValue = Runner.run(files: [dir.path("value.goal")], options: Runner.Options(dataOverrides: ["social": Self.data("social.csv")]))
            let tableValue = Runner.run(files: [dir.path("value.goal")], options: Runner.Options(dataOverrides: ["social": server.uri("\(schema).social")]))
            #expect(codes(tableValue) == codes(fileValue), "file:\n\(renderedDiagnostics(fileValue))\ntable:\n\(renderedDiagnostics(tableValue))")
            #expect(renderedDiagnostics(tableValue).contains("did you mean 'adult'?"))
            #expect(tableValue.exitStatus == 2)
        }
    }

    @Test("a server that does not answer, a missing table and a password in the URI are clear errors, the password never shown")
    func connectionErrors() throws {
        try withTables { server, schema in
            let spec = Self.root.appendingPathComponent("Specs/aarhus-msb-2026.goal").path
            for uri in ["postgresql://postgres:s3cret-pw@/postgres?host=/nonexistent-goalspec&table=social",
                        "postgresql://postgres:s3cret-pw@/postgres?host=\(server.socket)&table=\(schema).nosuch",
                        "postgresql:///postgres?host=\(server.socket)&password=s3cret-pw"] {
                let run = Runner.run(files: [spec], options: Runner.Options(dataOverrides: ["social": uri]))
                let shown = renderedDiagnostics(run)
                #expect(run.exitStatus == 2, "\(shown)")
                #expect(!shown.contains("s3cret"), "\(shown)")
            }
        }
    }
}

/// The URI and CSV handling, without a server.
struct PostgreSQLLocationTests {
    @Test("a URI's table and password are taken out of what psql gets and what is shown")
    func parsing() throws {
        let l = try PostgreSQLLocation.parse("postgresql://ana:p%40ss@db.example.dk:5433/jobs?sslmode=require&table=msb.employment").get()
        #expect(l.connection == "postgresql://ana@db.example.dk:5433/jobs?sslmode=require")
        #expect(l.password == "p@ss")
        #expect(l.table.parts == ["msb", "employment"])
        #expect(l.display == "postgresql://ana@db.example.dk:5433/jobs?sslmode=require&table=msb.employment")
        let socket = try PostgreSQLLocation.parse("postgresql:///jobs?host=/tmp/sock&table=t&password=x").get()
        #expect(socket.connection == "postgresql:///jobs?host=/tmp/sock")
        #expect(socket.password == "x" && !socket.display.contains("password"))
        #expect(throws: DataError.self) { try PostgreSQLLocation.parse("postgresql://ana:secret@h/db").get() }
        #expect(PostgreSQLLocation.redacted("postgresql://ana:secret@h/db?password=y") == "postgresql://ana@h/db")
        #expect(PostgreSQLLocation.isLocation("postgres://h/db?table=t") && !PostgreSQLLocation.isLocation("data/x.csv"))
    }

    @Test("psql's CSV: quoted fields, doubled quotes, line breaks inside quotes, empty fields as nil")
    func csv() {
        let rows = PostgreSQLClient.parseCSV(Data("a,b,c\n\"x,\"\"y\"\"\",,\"line\nbreak\"\nÅrhus,1,\n".utf8))
        #expect(rows.count == 3)
        #expect(rows[1] == ["x,\"y\"", nil, "line\nbreak"])
        #expect(rows[2] == ["Århus", "1", nil])
    }
}
