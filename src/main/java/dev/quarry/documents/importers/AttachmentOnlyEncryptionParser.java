package dev.quarry.documents.importers;

import java.io.IOException;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.io.RandomAccessRead;
import org.apache.pdfbox.io.RandomAccessStreamCache;
import org.apache.pdfbox.pdfparser.PDFParser;

/**
 * Opens a PDF whose encryption covers only its embedded files (crypt filters /StmF and /StrF are
 * /Identity, /EFF names a real filter, usually with AuthEvent /EFOpen). Readers open such files without
 * a password because pages and strings are stored in the clear; PDFBox 3.0.3 insists on the user
 * password anyway. Skipping decryption is exact here: every stream and string we read is plain.
 */
final class AttachmentOnlyEncryptionParser extends PDFParser {

    AttachmentOnlyEncryptionParser(RandomAccessRead source, RandomAccessStreamCache.StreamCacheCreateFunction cache)
            throws IOException {
        super(source, "", null, null, cache);
    }

    @Override
    protected void prepareDecryption() throws IOException {
        if (onlyEmbeddedFilesEncrypted(document.getEncryptionDictionary())) return;
        super.prepareDecryption();
    }

    static boolean onlyEmbeddedFilesEncrypted(COSDictionary encrypt) {
        if (encrypt == null || encrypt.getInt(COSName.V, 0) < 4) return false;
        return COSName.IDENTITY.equals(name(encrypt.getDictionaryObject(COSName.STM_F)))
                && COSName.IDENTITY.equals(name(encrypt.getDictionaryObject(COSName.STR_F)));
    }

    /** An absent crypt filter name means /Identity (ISO 32000-1, table 20). */
    private static COSName name(COSBase b) {
        return b == null ? COSName.IDENTITY : b instanceof COSName n ? n : null;
    }
}
