package io.burnwatch.streams.cost;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("Canonical model names")
class ModelNamesTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @DisplayName("ignore case, provider prefixes and snapshot dates")
    @CsvSource({
            "claude-opus-4-1, claude-opus-4-1",
            "claude-opus-4-1-20250805, claude-opus-4-1",
            "Claude-Opus-4-1-20250805, claude-opus-4-1",
            "claude-opus-4-1@20250805, claude-opus-4-1",
            "anthropic/claude-sonnet-4-5, claude-sonnet-4-5",
            "gpt-4o-2024-08-06, gpt-4o",
            "openai/GPT-4o-mini-2024-07-18, gpt-4o-mini",
            "models/gemini-2.5-pro, gemini-2.5-pro",
            "'  gemini-2.5-flash  ', gemini-2.5-flash",
            "claude-3-5-haiku-latest, claude-3-5-haiku",
            "o3-2025-04-16, o3",
            "gpt-4.1, gpt-4.1"})
    void canonical(String reported, String canonical) {
        assertThat(ModelNames.canonical(reported)).isEqualTo(canonical);
    }

    @ParameterizedTest(name = "{0} stays {0}")
    @DisplayName("keep what is not a snapshot date: versions, sizes, previews")
    @CsvSource({
            "claude-3-7-sonnet",
            "gpt-5-nano",
            "gemini-2.5-flash-preview-05-20",
            "claude-opus-4",
            "o4-mini",
            "llama-3.1-405b"})
    void keepsTheRest(String model) {
        assertThat(ModelNames.canonical(model)).isEqualTo(model);
    }
}
