package dev.quarry.testing;

import dev.quarry.core.jobs.CancelToken;
import dev.quarry.documents.ImportContext;
import dev.quarry.documents.ChildSink;
import dev.quarry.documents.Importer;
import dev.quarry.documents.ParsedDocument;
import dev.quarry.documents.Source;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Runs one importer on one file outside a matter and keeps the children it emits. */
public final class TestImports {
    public record Child(String fileName, String sourcePath, byte[] content, Path file, Map<String, String> fields) {}

    public static final class CollectingSink implements ChildSink {
        public final List<Child> children = new ArrayList<>();

        @Override
        public void add(String fileName, String sourcePath, InputStream content, Map<String, String> fields) throws IOException {
            children.add(new Child(fileName, sourcePath, content.readAllBytes(), null, fields));
        }

        @Override
        public void addFile(Path file, String fileName, String sourcePath, Map<String, String> fields) {
            children.add(new Child(fileName, sourcePath, null, file, fields));
        }
    }

    public record Result(ParsedDocument document, List<Child> children) {}

    public static Result parse(Importer importer, Path file) throws IOException {
        return parse(importer, file, Map.of());
    }

    public static Result parse(Importer importer, Path file, Map<String, String> fields) throws IOException {
        CollectingSink sink = new CollectingSink();
        Source source = new Source(file, file.getFileName().toString(), file.toString(), Files.size(file), fields);
        ImportContext ctx = new ImportContext(sink, new CancelToken(), 1L << 30, 4L << 30, 0);
        return new Result(importer.parse(source, ctx), sink.children);
    }

    private TestImports() {}
}
