package dev.quarry.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The dependency rules of docs/ARCHITECTURE.md, kept true by the build. */
class ArchitectureTest {
    static JavaClasses classes;

    @BeforeAll
    static void load() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.quarry");
    }

    @Test
    void logicNeverImportsJavaFx() {
        noClasses().that().resideOutsideOfPackages("dev.quarry.ui..")
                .and().doNotHaveFullyQualifiedName("dev.quarry.Main")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "atlantafx..", "org.kordamp.ikonli..")
                .check(classes);
    }

    @Test
    void featurePackagesHaveNoCycles() {
        slices().matching("dev.quarry.(*)..").should().beFreeOfCycles().check(classes);
    }

    @Test
    void coreKnowsNoFeature() {
        noClasses().that().resideInAPackage("dev.quarry.core..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.quarry.documents..", "dev.quarry.retrieval..",
                        "dev.quarry.llm..", "dev.quarry.qa..", "dev.quarry.extraction..", "dev.quarry.deficiency..",
                        "dev.quarry.letters..", "dev.quarry.export..", "dev.quarry.app..", "dev.quarry.ui..", "dev.quarry.cli..")
                .check(classes);
    }

    @Test
    void floorsPointOnlyDown() {
        noClasses().that().resideInAnyPackage("dev.quarry.documents..", "dev.quarry.retrieval..", "dev.quarry.llm..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.quarry.evidence..", "dev.quarry.qa..",
                        "dev.quarry.extraction..", "dev.quarry.deficiency..", "dev.quarry.letters..", "dev.quarry.app..",
                        "dev.quarry.ui..", "dev.quarry.cli..")
                .check(classes);
        noClasses().that().resideInAPackage("dev.quarry.evidence..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.quarry.qa..", "dev.quarry.extraction..",
                        "dev.quarry.deficiency..", "dev.quarry.letters..", "dev.quarry.app..", "dev.quarry.ui..", "dev.quarry.cli..")
                .check(classes);
        noClasses().that().resideInAnyPackage("dev.quarry.qa..", "dev.quarry.extraction..", "dev.quarry.deficiency..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.quarry.letters..", "dev.quarry.app..",
                        "dev.quarry.ui..", "dev.quarry.cli..")
                .check(classes);
        noClasses().that().resideInAPackage("dev.quarry.letters..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.quarry.app..", "dev.quarry.ui..", "dev.quarry.cli..")
                .allowEmptyShould(true)
                .check(classes);
    }

    /** Grids and deficiency review share the evidence engine; neither calls the other. */
    @Test
    void extractionAndDeficiencyNeverCallEachOther() {
        noClasses().that().resideInAPackage("dev.quarry.extraction..")
                .should().dependOnClassesThat().resideInAPackage("dev.quarry.deficiency..")
                .allowEmptyShould(true)
                .check(classes);
        noClasses().that().resideInAPackage("dev.quarry.deficiency..")
                .should().dependOnClassesThat().resideInAPackage("dev.quarry.extraction..")
                .allowEmptyShould(true)
                .check(classes);
    }

    @Test
    void exportKnowsNoFeature() {
        noClasses().that().resideInAPackage("dev.quarry.export..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.quarry.documents..", "dev.quarry.retrieval..",
                        "dev.quarry.llm..", "dev.quarry.qa..", "dev.quarry.extraction..", "dev.quarry.deficiency..",
                        "dev.quarry.letters..", "dev.quarry.app..", "dev.quarry.ui..", "dev.quarry.cli..")
                .allowEmptyShould(true)
                .check(classes);
    }

    @Test
    void librariesStayBehindTheirBoundary() {
        noClasses().that().resideOutsideOfPackages("dev.quarry.retrieval..")
                .should().dependOnClassesThat().resideInAnyPackage("ai.djl..", "com.github.jelmerk..", "org.apache.lucene..")
                .check(classes);
        noClasses().that().resideOutsideOfPackages("dev.quarry.documents..", "dev.quarry.export..", "dev.quarry.ui..")
                .should().dependOnClassesThat().resideInAnyPackage("org.apache.pdfbox..", "org.apache.poi..",
                        "org.jsoup..", "jakarta.mail..", "com.rtfparserkit..")
                .check(classes);
        // Tesseract and its native plumbing: only the OCR engine (docs/adr/0011-ocr.md).
        noClasses().that().resideOutsideOfPackages("dev.quarry.documents.ocr..")
                .should().dependOnClassesThat().resideInAnyPackage("org.bytedeco..")
                .check(classes);
        noClasses().that().resideOutsideOfPackages("dev.quarry.core..")
                .should().dependOnClassesThat().resideInAnyPackage("org.h2..", "org.flywaydb..", "com.google.common.jimfs..")
                .check(classes);
    }

    @Test
    void noSystemOutOutsideTheCommandLine() {
        noClasses().that().resideOutsideOfPackages("dev.quarry.cli..")
                .should().accessField(System.class, "out")
                .orShould().accessField(System.class, "err")
                .check(classes);
    }
}
