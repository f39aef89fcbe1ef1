/// The PySpark driver that ``SparkSession`` runs with `python3 -u -c SOURCE CONFIG`.
///
/// CONFIG is JSON: `master`, `warehouse` (a folder or null), `conf` (Spark settings) and `log`
/// (the file its standard error goes to, removed when the session ends normally). The
/// driver answers on its standard output, one JSON object per line: first `{"ready": true}`
/// (or `{"error": …}`, with `"missing": "pyspark"` when PySpark cannot be imported), then for
/// each request line `{"sql": …}` read from its standard input either
/// `{"columns": […], "rows": [[text or null]]}` or `{"error": …}`. Anything else that would be
/// printed (Spark's and Py4J's output) goes to standard error, so it cannot corrupt a
/// response. At the end of its input the session is stopped.
enum SparkDriverScript {
    static let source = #"""
import json, os, sys
protocol = os.fdopen(os.dup(1), "w", encoding="utf-8")
os.dup2(2, 1)

def answer(obj):
    protocol.write(json.dumps(obj, ensure_ascii=True) + "\n")
    protocol.flush()

try:
    import decimal
    from pyspark.sql import SparkSession
except Exception as error:
    answer({"error": "PySpark cannot be imported: %s" % error, "missing": "pyspark"})
    sys.exit(0)

def text(value):
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, decimal.Decimal):
        return format(value, "f")
    if isinstance(value, float):
        raise ValueError("inexact floating-point value %r in a result" % value)
    return str(value)

def message(error):
    lines = [l.strip() for l in str(error).splitlines() if l.strip()]
    return " ".join(lines[:3])[:2000] or type(error).__name__

try:
    config = json.loads(sys.argv[1])
    builder = SparkSession.builder.appName("goalspec").master(config["master"])
    builder = builder.config("spark.ui.enabled", "false")
    warehouse = config.get("warehouse")
    if warehouse:
        builder = builder.config("spark.sql.warehouse.dir", warehouse)
        builder = builder.config("spark.hadoop.javax.jdo.option.ConnectionURL",
                                 "jdbc:derby:;databaseName=%s/metastore_db;create=true" % warehouse)
        builder = builder.config("spark.driver.extraJavaOptions", "-Dderby.system.home=%s" % warehouse)
    builder = builder.config("spark.sql.catalogImplementation", "hive")
    for key, value in config.get("conf", {}).items():
        builder = builder.config(key, value)
    builder = builder.config("spark.sql.parser.escapedStringLiterals", "false")
    builder = builder.config("spark.sql.ansi.enabled", "true")
    spark = builder.getOrCreate()
    spark.sparkContext.setLogLevel("ERROR")
except Exception as error:
    answer({"error": "Spark did not start: " + message(error)})
    sys.exit(0)

answer({"ready": True})
for line in sys.stdin:
    if not line.strip():
        continue
    try:
        frame = spark.sql(json.loads(line)["sql"])
        rows = [[text(v) for v in row] for row in frame.collect()]
        answer({"columns": list(frame.columns), "rows": rows})
    except Exception as error:
        answer({"error": message(error)})
spark.stop()
if config.get("log"):
    try:
        os.remove(config["log"])
    except OSError:
        pass
"""#
}
