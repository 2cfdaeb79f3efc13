package dev.quarry.qa;

import dev.quarry.documents.ChunkRecord;
import dev.quarry.documents.DocumentRepository;
import dev.quarry.documents.DocumentSummary;
import dev.quarry.documents.PageRecord;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/** Test stand-in for hybrid search: the share of the question's words each chunk contains, over the real chunks. */
final class KeywordOverlapRetriever implements PassageRetriever {
    private final DocumentRepository docs;
    int calls;

    KeywordOverlapRetriever(DocumentRepository docs) {
        this.docs = docs;
    }

    @Override
    public List<Passage> retrieve(String question, int k) {
        calls++;
        Set<String> q = Terms.stems(question);
        List<Passage> out = new ArrayList<>();
        for (DocumentSummary d : docs.listAll()) {
            List<PageRecord> pages = docs.pages(d.id());
            for (ChunkRecord c : docs.chunks(d.id())) {
                Set<String> s = Terms.stems(c.text());
                long hit = q.stream().filter(s::contains).count();
                if (hit == 0) continue;
                String bates = pages.stream().filter(p -> p.pageNumber() == c.pageNumber()).findFirst().map(PageRecord::bates).orElse(null);
                out.add(new Passage(c.id(), d.id(), d.fileName(), c.pageNumber(), bates, c.docStartChar(), c.docEndChar(), c.text(),
                        (double) hit / q.size()));
            }
        }
        out.sort(Comparator.comparingDouble(Passage::score).reversed().thenComparingLong(Passage::chunkId));
        return out.subList(0, Math.min(k, out.size()));
    }
}
