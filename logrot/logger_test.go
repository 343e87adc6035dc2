package logrot

import (
	"encoding/json"
	"log/slog"
	"os"
	"strconv"
	"strings"
	"testing"
	"testing/slogtest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestLogger_slogtest runs testing/slogtest on both formats of Logger.
func TestLogger_slogtest(t *testing.T) {
	t.Parallel()
	for _, f := range []Format{Text, JSON} {
		t.Run(strconv.Itoa(int(f)), func(t *testing.T) {
			t.Parallel()
			var w *Writer
			slogtest.Run(t, func(t *testing.T) slog.Handler {
				w, _, _ = openTest(t, Options{})
				return w.Logger(f, nil).Handler()
			}, func(t *testing.T) map[string]any {
				data, err := os.ReadFile(w.Path())
				require.NoError(t, err)
				lines := strings.Split(strings.TrimSuffix(string(data), "\n"), "\n")
				require.Len(t, lines, 1, "one record, one line")
				if f == JSON {
					m := map[string]any{}
					require.NoError(t, json.Unmarshal([]byte(lines[0]), &m))
					return m
				}
				return parseTextLine(t, lines[0])
			})
		})
	}
}

// parseTextLine parses a slog text line into nested maps (a.b=1 is
// {"a": {"b": "1"}}).
func parseTextLine(t *testing.T, line string) map[string]any {
	t.Helper()
	m := map[string]any{}
	for _, attr := range splitTextAttrs(line) {
		key, val, ok := strings.Cut(attr, "=")
		require.True(t, ok, "attr %q in %q", attr, line)
		if strings.HasPrefix(val, `"`) {
			var err error
			val, err = strconv.Unquote(val)
			require.NoError(t, err)
		}
		path := strings.Split(key, ".")
		cur := m
		for _, g := range path[:len(path)-1] {
			sub, ok := cur[g].(map[string]any)
			if !ok {
				sub = map[string]any{}
				cur[g] = sub
			}
			cur = sub
		}
		cur[path[len(path)-1]] = val
	}
	return m
}

// splitTextAttrs splits a text line at spaces outside quoted values.
func splitTextAttrs(line string) []string {
	var attrs []string
	quoted, escaped, start := false, false, 0
	for i := 0; i < len(line); i++ {
		switch c := line[i]; {
		case escaped:
			escaped = false
		case c == '\\':
			escaped = true
		case c == '"':
			quoted = !quoted
		case c == ' ' && !quoted:
			if i > start {
				attrs = append(attrs, line[start:i])
			}
			start = i + 1
		}
	}
	if start < len(line) {
		attrs = append(attrs, line[start:])
	}
	return attrs
}

// TestLogger_timestampPrefix: with a timestamp prefix the handler leaves out
// its own time; other attributes named by ReplaceAttr still go through it.
func TestLogger_timestampPrefix(t *testing.T) {
	t.Parallel()
	w, _, _ := openTest(t, Options{Timestamp: RFC3339})
	lg := w.Logger(Text, &slog.HandlerOptions{ReplaceAttr: func(_ []string, a slog.Attr) slog.Attr {
		if a.Key == "rcpt" {
			a.Value = slog.StringValue("hidden")
		}
		return a
	}})
	lg.Info("delivered", "rcpt", "a@example.org", "size", 12)
	assert.Equal(t, "2026-11-21T07:43:21.123456Z level=INFO msg=delivered rcpt=hidden size=12\n", readFile(t, w.Path()))
}
