/* Unit tests of the notes under a table (src/view/tablenotes.c): one note per text, naming the
 * cells it applies to, and the sources' notes freed of their transcription keys. The notes are
 * the real ones of samples/papers/gpt4.json, palm2.json and the Falcon blog transcription. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/buf.h"
#include "view/tablenotes.h"

static void test_said_once(void **state)
{
    (void)state;
    lr_table_notes *n = lr_table_notes_new();
    assert_non_null(n);
    const char *a = "1-shot · acc. Source: PaLM 2 Technical Report, Table 2.";
    const char *b = "8-shot · acc. Source: GPT-4 Technical Report, Table 2.";
    assert_int_equal(lr_table_notes_add(n, a, "PaLM 2-M", "HellaSwag"), 1);
    assert_int_equal(lr_table_notes_add(n, b, "PaLM 540B", "ARC-Challenge"), 2);
    assert_int_equal(lr_table_notes_add(n, a, "PaLM 2-M", "WinoGrande"), 1);
    assert_int_equal(lr_table_notes_add(n, a, "PaLM 2-S", "HellaSwag"), 1);
    assert_int_equal(lr_table_notes_add(n, a, "PaLM 2-S", "WinoGrande"), 1);
    assert_int_equal(lr_table_notes_add(n, a, "PaLM 2-L", "HellaSwag"), 1);
    /* the same cell twice is one cell */
    assert_int_equal(lr_table_notes_add(n, a, "PaLM 2-S", "WinoGrande"), 1);
    assert_int_equal(lr_table_notes_count(n), 2);
    assert_string_equal(lr_table_notes_text(n, 0), a);
    assert_string_equal(lr_table_notes_text(n, 1), b);
    assert_null(lr_table_notes_text(n, 2));
    assert_int_equal(lr_table_notes_cells_count(n, 0), 5);

    lr_buf out = LR_BUF_INIT;
    lr_table_notes_cells(n, 0, "%s on %s", &out);
    assert_string_equal(out.data,
                        "PaLM 2-M, PaLM 2-S on HellaSwag, WinoGrande; PaLM 2-L on HellaSwag");
    lr_buf_clear(&out);
    lr_table_notes_cells(n, 1, "%s의 %s", &out);
    assert_string_equal(out.data, "PaLM 540B의 ARC-Challenge");
    lr_buf_free(&out);
    lr_table_notes_free(n);
    lr_table_notes_free(NULL);
}

static void clean(const char *note, const char *table, const char *want)
{
    lr_buf out = LR_BUF_INIT;
    lr_note_clean(note, table, &out);
    assert_false(lr_buf_failed(&out));
    assert_string_equal(out.data ? out.data : "", want);
    lr_buf_free(&out);
}

static void test_note_clean(void **state)
{
    (void)state;
    /* keys in parentheses, a pointer to a section the report does not have, the locator the
     * citation gives, and the keys' bookkeeping */
    clean("PwC-derived leaderboards (G4, G10) list 96.4 - see inconsistencies; Table 2; sources: "
          "G1, G2, G3, G9; cross-check: 4 independent sources; confidence: high",
          "Table 2", "PwC-derived leaderboards list 96.4");
    /* a clause that names a key in its text cannot be read without it */
    clean("transcribed metric: 'accuracy - EleutherAI harness (Jan 2023)'; matches leaderboard "
          "MMLU x100 for models also in F4; HF blog: same MMLU test set under three "
          "implementations (5-shot); sources: F6, F4; cross-check: 2 independent sources; "
          "confidence: high",
          NULL,
          "transcribed metric: 'accuracy - EleutherAI harness (Jan 2023)'; HF blog: same MMLU "
          "test set under three implementations (5-shot)");
    /* "; " inside parentheses splits nothing that is not put back */
    clean("SC sample count from report text (P4); Table 7 (math; each cell printed as CoT / "
          "+self-consistency); sources: P1, P2; cross-check: 2 independent sources; "
          "confidence: medium",
          "Table 7",
          "SC sample count from report text; Table 7 (math; each cell printed as CoT / "
          "+self-consistency)");
    clean("pre-fix harness MMLU; see re-evaluated values; sources: F4b; cross-check: single "
          "source; confidence: medium",
          NULL, "pre-fix harness MMLU");
    /* nothing left */
    clean("Table 2; sources: G1, G2, G3; cross-check: 3 independent sources; confidence: high",
          "Table 2", "");
    /* without a "sources:" clause nothing is a key: names that look like keys stay */
    clean("3B model trained on C4 (60GT); ANLI R1 (R2, R3); confidence: high", NULL,
          "3B model trained on C4 (60GT); ANLI R1 (R2, R3); confidence: high");
    /* only capitals the sources clause uses make keys: A100 and GPT4 are not G-keys */
    clean("run on A100 (G2); GPT4 column; sources: G1", NULL, "run on A100; GPT4 column");
    /* escaped for Markdown */
    clean("QA & classification [sic]; sources: P3", NULL, "QA \\& classification \\[sic\\]");
    clean(NULL, NULL, "");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_said_once),
        cmocka_unit_test(test_note_clean),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
