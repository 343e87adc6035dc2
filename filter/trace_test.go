package filter_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/letterbox-mail/letterbox/filter"
)

// traceLines runs src on testMessage and renders its trace events.
func traceLines(t *testing.T, src string) []string {
	t.Helper()
	s := compile(t, src, filter.CompileOptions{})
	in := input(testMessage, testEnvelope)
	var got []string
	in.Trace = func(e filter.TraceEvent) {
		line := e.Kind.String() + " " + e.Pos.String() + " " + e.Text
		if e.Kind == filter.TraceTest {
			line += map[bool]string{true: " => true", false: " => false"}[e.Matched]
		}
		got = append(got, line)
	}
	_, err := s.Run(t.Context(), in)
	require.NoError(t, err)
	return got
}

func TestRun_trace(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		src  string
		want []string
	}{
		{"no tests", `keep;`, []string{"command test.sieve:1:1 keep"}},
		{"if elsif else",
			"require [\"fileinto\", \"imap4flags\"];\n" +
				"if header :contains \"Subject\" \"sale\" { discard; }\n" +
				"elsif ANYOF (address :is :domain \"from\" \"example.org\", true) {\n" +
				"  addflag \"\\\\Seen\"; fileinto \"Friends\";\n" +
				"} else { keep; }\n",
			[]string{
				`test test.sieve:2:4 header :contains "Subject" "sale" => false`,
				`test test.sieve:3:7 anyof (address :is :domain "from" "example.org", true) => true`,
				"command test.sieve:4:3 addflag",
				"command test.sieve:4:21 fileinto",
			}},
		{"not and lists",
			"if not exists [\"X-A\", \"X-\\\"B\"] { stop; }\nkeep;",
			[]string{`test test.sieve:1:4 not exists ["X-A", "X-\"B"] => true`}},
		{"size and vacation",
			"require \"vacation\";\nif size :over 1K { discard; }\nvacation \"away\";",
			[]string{"test test.sieve:2:4 size :over 1024 => false", "command test.sieve:3:1 vacation"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			assert.Equal(t, tt.want, traceLines(t, tt.src))
		})
	}
}

func TestRun_tracePanicIsRuntimeError(t *testing.T) {
	t.Parallel()
	s := compile(t, `if true { keep; }`, filter.CompileOptions{})
	in := input(testMessage, testEnvelope)
	in.Trace = func(filter.TraceEvent) { panic("boom") }
	res, err := s.Run(t.Context(), in)
	require.ErrorIs(t, err, filter.ErrRuntime)
	assert.Equal(t, keepOnly, res)
}

func TestTraceKind_String(t *testing.T) {
	t.Parallel()
	assert.Equal(t, "test", filter.TraceTest.String())
	assert.Equal(t, "command", filter.TraceCommand.String())
	assert.True(t, strings.HasPrefix(filter.TraceKind(9).String(), "TraceKind("))
}
