package dev.quarry.documents;

import dev.quarry.core.jobs.CancelToken;

/**
 * What an importer may use while it parses one file.
 *
 * @param children       where containers and e-mails put their children; attachments become child documents
 * @param cancel         checked between pages or entries
 * @param maxFileBytes   the per-file size limit (also the limit on one expanded ZIP entry)
 * @param maxExpandBytes the total a container may expand to (zip-bomb guard)
 * @param depth          how deep in nested containers this file sits (0 = given by the user)
 */
public record ImportContext(ChildSink children, CancelToken cancel, long maxFileBytes, long maxExpandBytes, int depth) {
    public static final int MAX_DEPTH = 5;
}
