package org.imaginglake.spark.lake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.MetadataBuilder;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * A lake table's schema as declared in {@code schemas/<table>.json}, the single source of truth: column names,
 * Spark SQL types, nullability and one doc line per column (stored as the Delta column comment). Jobs build their
 * rows against {@link #structType()}, and tests compare written tables with it.
 */
public record TableSchema(String table, String doc, List<String> key, StructType structType) {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Loads {@code imaging-lake/schemas/<table>.json} from the classpath (the build copies {@code schemas/} there). */
  public static TableSchema load(String table) {
    String resource = "/imaging-lake/schemas/" + table + ".json";
    try (InputStream in = TableSchema.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalArgumentException("No schema for table '" + table + "': " + resource
            + " is not on the classpath (schemas/" + table + ".json)");
      }
      JsonNode root = JSON.readTree(in);
      List<StructField> fields = new ArrayList<>();
      for (JsonNode c : root.get("columns")) {
        Metadata comment = new MetadataBuilder().putString("comment", c.get("doc").asText()).build();
        fields.add(new StructField(c.get("name").asText(), DataType.fromDDL(c.get("type").asText()),
            c.get("nullable").asBoolean(), comment));
      }
      List<String> key = new ArrayList<>();
      root.get("key").forEach(k -> key.add(k.asText()));
      return new TableSchema(root.get("table").asText(), root.get("doc").asText(), List.copyOf(key),
          new StructType(fields.toArray(new StructField[0])));
    } catch (IOException e) {
      throw new IllegalStateException("Cannot read schema " + resource + ": " + e.getMessage(), e);
    }
  }

  /** The same columns with every one nullable, for staging data that has not been validated yet. */
  public StructType nullableStructType() {
    StructField[] fs = structType.fields().clone();
    for (int i = 0; i < fs.length; i++) {
      fs[i] = new StructField(fs[i].name(), fs[i].dataType(), true, fs[i].metadata());
    }
    return new StructType(fs);
  }

  /**
   * {@code type} without field metadata (the column comments), at any depth: for encoders of intermediate rows, which
   * would otherwise carry every comment into every task.
   */
  public static DataType bare(DataType type) {
    if (type instanceof StructType st) {
      StructField[] fs = new StructField[st.fields().length];
      for (int i = 0; i < fs.length; i++) {
        StructField f = st.fields()[i];
        fs[i] = new StructField(f.name(), bare(f.dataType()), f.nullable(), Metadata.empty());
      }
      return new StructType(fs);
    }
    if (type instanceof org.apache.spark.sql.types.ArrayType at) {
      return new org.apache.spark.sql.types.ArrayType(bare(at.elementType()), at.containsNull());
    }
    return type;
  }

  public List<String> columnNames() {
    return List.of(structType.fieldNames());
  }
}
