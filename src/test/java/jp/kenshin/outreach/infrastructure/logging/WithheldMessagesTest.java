package jp.kenshin.outreach.infrastructure.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.camunda.bpm.engine.BadUserRequestException;
import org.junit.jupiter.api.Test;

/** Which messages count as the application's own, and what the engine is given to keep of a failure. */
class WithheldMessagesTest {

    private static final String NAME = "架空 花子";

    @Test
    void aRefusalWrittenHereIsTheApplicationsAndAFaultOrALibrarysMessageIsNot() {
        assertThat(WithheldMessages.writtenByTheApplication(new IllegalStateException("年度 2030 の鍵は消去済みです"))).isTrue();
        assertThat(WithheldMessages.writtenByTheApplication(new IllegalArgumentException("差出日を入力してください"))).isTrue();
        assertThat(WithheldMessages.writtenByTheApplication(new BadUserRequestException("架電数の上限は整数で入力してください"))).isTrue();
        // a fault of our code: the JDK's helpful message names our variables
        NullPointerException fault = null;
        try {
            Object missing = null;
            missing.hashCode();
        } catch (NullPointerException e) {
            fault = e;
        }
        assertThat(fault.getMessage()).contains("missing");
        assertThat(WithheldMessages.writtenByTheApplication(fault)).isFalse();
        // a library's parse error quotes the value
        assertThat(WithheldMessages.writtenByTheApplication(parseError())).isFalse();
        // an argument exception made by a library
        IllegalArgumentException library = new IllegalArgumentException("bad value '" + NAME + "'");
        library.setStackTrace(new StackTraceElement[] {new StackTraceElement("org.example.Parser", "parse", "Parser.java", 1)});
        assertThat(WithheldMessages.writtenByTheApplication(library)).isFalse();
        assertThat(WithheldMessages.ownMessage(new IllegalStateException("バッチ 3 を描けません", library))).contains("バッチ 3 を描けません");
        assertThat(WithheldMessages.ownMessage(new RuntimeException(library))).isEmpty();
        // a file step's failure: its own message, or its cause's when it was given none
        var io = new java.io.IOException("/print/2030/" + NAME + ".pdf");
        assertThat(WithheldMessages.ownMessage(new java.io.UncheckedIOException("バッチ 3 の印刷ファイルを書けませんでした", io)))
                .contains("バッチ 3 の印刷ファイルを書けませんでした");
        assertThat(WithheldMessages.ownMessage(new java.io.UncheckedIOException(io))).isEmpty();
    }

    @Test
    void theEngineIsGivenTheOwnMessageOrTheClassAndTheFramesWithoutAnyOtherMessage() {
        NumberFormatException parse = parseError();
        Throwable kept = WithheldMessages.forTheEngine(new IllegalStateException("バッチ 3 を描けません", parse));
        assertThat(kept.getMessage()).isEqualTo("バッチ 3 を描けません");
        assertThat(printed(kept)).doesNotContain(NAME).contains("java.lang.NumberFormatException")
                .contains("WithheldMessagesTest.theEngineIsGivenTheOwnMessageOrTheClassAndTheFramesWithoutAnyOtherMessage");

        Throwable bare = WithheldMessages.forTheEngine(parse);
        assertThat(bare.getMessage()).isEqualTo("java.lang.NumberFormatException");
        assertThat(printed(bare)).doesNotContain(NAME).contains("java.lang.Integer.parseInt(").doesNotContain("WithheldMessages.forTheEngine");
    }

    @Test
    void aDatabaseErrorKeepsItsSqlStateAndNotItsDetail() {
        var sql = new java.sql.SQLException("ERROR: duplicate key value violates unique constraint\n  Detail: Key (name)=(" + NAME + ") already exists",
                "23505");
        Throwable kept = WithheldMessages.forTheEngine(new org.springframework.dao.DuplicateKeyException("insert", sql));
        assertThat(kept.getMessage()).isEqualTo("org.springframework.dao.DuplicateKeyException <- java.sql.SQLException SQLSTATE 23505");
        assertThat(printed(kept)).doesNotContain(NAME).contains("java.sql.SQLException SQLSTATE 23505 (message withheld)");
    }

    /** The JDK's parse error of the name as a number: its message quotes the name. */
    private static NumberFormatException parseError() {
        try {
            Integer.parseInt(NAME);
            throw new AssertionError("a name parsed as a number");
        } catch (NumberFormatException e) {
            return e;
        }
    }

    private static String printed(Throwable t) {
        StringWriter out = new StringWriter();
        t.printStackTrace(new PrintWriter(out));
        return out.toString();
    }
}
