import Goalspec

/// The embedding example of README.md, verbatim between the markers (indented one level):
/// `EmbeddingTests` checks that README.md shows exactly these lines and runs them.
func readmeEmbeddingExample() -> (verdict: Goalspec.Verdict?, status: Goalspec.ExitStatus, run: Goalspec.Runner.Run) {
    // README begin
    let spec = """
        spec "Employment in Aarhus"

        data employment from "employment.csv"
          entity city
          time quarter
          weight persons

        target job "At least 86% in job or education"
          for city = "Aarhus"
          share(job) >= 86%
        """
    let csv = """
        city,quarter,job,persons
        Aarhus,2024K3,1,8600
        Aarhus,2024K3,0,1400
        Odense,2024K3,1,5000
        """
    let run = Goalspec.Runner.run(spec: spec, data: ["employment": .csv(csv)])
    for diagnostic in run.diagnostics { print(diagnostic.code, diagnostic.message) }
    let verdict: Goalspec.Verdict? = run.specs.first?.items.first?.verdict  // .met: 8600 of 10000 is 86%
    let status: Goalspec.ExitStatus = run.status  // .success: the status `goalspec check` exits with
    // README end
    return (verdict, status, run)
}
