package io.marketlens.testing;

import io.marketlens.ingest.Source;
import java.nio.file.Path;
import org.apache.spark.sql.SaveMode;

/**
 * A warehouse table's current rows as plain Parquet files, for an oracle (DuckDB) that cannot read Delta tables
 * here (its delta extension is fetched from the network). Spark only reads the table; the oracle computes.
 */
public final class WarehouseFiles {

    private WarehouseFiles() {
    }

    /** Writes the current version of the source's table under {@code into} and returns a glob of its Parquet files. */
    public static String parquetGlob(Path warehouse, Source source, Path into) {
        Path out = into.resolve(source.dirName());
        SparkTestSession.get().read().format("delta").load(warehouse.resolve(source.dirName()).toString())
                .drop("_month").write().mode(SaveMode.Overwrite).parquet(out.toString());
        return out.resolve("*.parquet").toString();
    }
}
