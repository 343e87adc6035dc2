package main

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func writeFiles(t *testing.T, script, message string) (string, string) {
	t.Helper()
	dir := t.TempDir()
	s, m := filepath.Join(dir, "script.sieve"), filepath.Join(dir, "message.eml")
	require.NoError(t, os.WriteFile(s, []byte(script), 0o644))
	require.NoError(t, os.WriteFile(m, []byte(message), 0o644))
	return s, m
}

const cliMessage = "Return-Path: <bounce@example.org>\r\nFrom: Anna <anna@example.org>\r\nTo: Tim <tim@example.com>\r\nSubject: hi\r\n\r\nhello\r\n"

func TestCLI_exitCodesAndJSON(t *testing.T) {
	t.Parallel()
	good, msg := writeFiles(t, "require \"fileinto\";\nif header :is \"subject\" \"hi\" {\n  fileinto \"Hi\";\n}\n", cliMessage)
	broken, _ := writeFiles(t, "fileinto \"x\";\n", cliMessage)
	discard, _ := writeFiles(t, "discard;\n", cliMessage)
	runtime, _ := writeFiles(t, "require \"vacation\";\nvacation \"a\";\nvacation \"b\";\n", cliMessage)
	tests := []struct {
		name   string
		args   []string
		code   int
		stdout string
	}{
		{"store", []string{"-json", "-script", good, msg}, 0, `{"error":false,"actions":[{"type":"store","mailbox":"Hi","flags":[]}]}` + "\n"},
		{"compile error", []string{"-json", "-script", broken, msg}, 0, `{"error":true,"actions":[]}` + "\n"},
		{"discard only", []string{"-json", "-script", discard, msg}, 0, `{"error":false,"actions":[]}` + "\n"},
		{"run-time error keeps", []string{"-json", "-script", runtime, "-from", "anna@example.org", "-to", "tim@example.com", msg}, 0,
			`{"error":false,"actions":[{"type":"store","mailbox":"INBOX","flags":[]}]}` + "\n"},
		{"no script", []string{"-json", msg}, 1, ""},
		{"no message", []string{"-json", "-script", good}, 1, ""},
		{"two messages", []string{"-json", "-script", good, msg, msg}, 1, ""},
		{"missing message", []string{"-json", "-script", good, msg + ".missing"}, 1, ""},
		{"missing script", []string{"-json", "-script", good + ".missing", msg}, 1, ""},
		{"bad flag", []string{"-nope"}, 1, ""},
		{"help", []string{"-h"}, 0, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var stdout, stderr bytes.Buffer
			code := run(t.Context(), tt.args, &stdout, &stderr)
			assert.Equal(t, tt.code, code, stderr.String())
			assert.Equal(t, tt.stdout, stdout.String())
		})
	}
}

func TestCLI_envelopeDefaultsFromMessage(t *testing.T) {
	t.Parallel()
	script, msg := writeFiles(t, `require "vacation"; vacation :subject "away" "away";`, cliMessage)
	var stdout, stderr bytes.Buffer
	require.Equal(t, 0, run(t.Context(), []string{"-json", "-script", script, msg}, &stdout, &stderr), stderr.String())
	assert.Contains(t, stdout.String(), `{"type":"vacation","to":"bounce@example.org","subject":"away"}`)
	stdout.Reset()
	require.Equal(t, 0, run(t.Context(), []string{"-json", "-from", "", "-script", script, msg}, &stdout, &stderr))
	assert.NotContains(t, stdout.String(), "vacation", "null sender gets no reply")
}

func TestCLI_humanModeShowsOrigin(t *testing.T) {
	t.Parallel()
	script, msg := writeFiles(t, "require [\"fileinto\", \"mailbox\"];\nif mailboxexists \"Hi\" {\n  fileinto \"Hi\";\n}\nkeep;\n", cliMessage)
	var stdout, stderr bytes.Buffer
	require.Equal(t, 0, run(t.Context(), []string{"-trace", "-mailboxes", "INBOX,Hi", "-script", script, msg}, &stdout, &stderr), stderr.String())
	out := stdout.String()
	assert.Contains(t, out, `store "Hi"`)
	assert.Contains(t, out, script+":3:3")
	assert.Contains(t, out, script+":5:1")
	assert.Contains(t, out, `| fileinto "Hi";`)
	assert.Contains(t, out, `mailboxexists "Hi": true`)
	assert.Contains(t, out, script+`:2:4  matched   mailboxexists "Hi"`)
	assert.Contains(t, out, script+":3:3  run       fileinto")
	assert.Contains(t, out, "envelope: from <bounce@example.org> to <tim@example.com>")

	stdout.Reset()
	broken, _ := writeFiles(t, "if true {\n", cliMessage)
	require.Equal(t, 0, run(t.Context(), []string{"-script", broken, msg}, &stdout, &stderr))
	assert.Contains(t, stdout.String(), "does not compile")
	assert.Contains(t, stdout.String(), broken+":")

	stdout.Reset()
	implicit, _ := writeFiles(t, "# nothing\n", cliMessage)
	require.Equal(t, 0, run(t.Context(), []string{"-script", implicit, msg}, &stdout, &stderr))
	assert.Contains(t, stdout.String(), "(implicit keep)")
}

func TestCLI_traceShowsTests(t *testing.T) {
	t.Parallel()
	src := "require \"fileinto\";\nif header :contains \"subject\" \"sale\" { discard; }\nelsif true { fileinto \"B\"; }\n"
	script, msg := writeFiles(t, src, cliMessage)
	tests := []struct {
		name       string
		args       []string
		wantStdout string // a line of stdout
		wantTrace  string // where the trace lines go
	}{
		{"human", []string{"-trace"}, "trace:\n", "stdout"},
		{"json", []string{"-json", "-trace"}, `{"error":false,"actions":[{"type":"store","mailbox":"B","flags":[]}]}` + "\n", "stderr"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var stdout, stderr bytes.Buffer
			args := append(slices.Clone(tt.args), "-script", script, msg)
			require.Equal(t, 0, run(t.Context(), args, &stdout, &stderr), stderr.String())
			trace := map[string]string{"stdout": stdout.String(), "stderr": stderr.String()}[tt.wantTrace]
			assert.Contains(t, trace, script+`:2:4  no match  header :contains "subject" "sale"`)
			assert.Contains(t, trace, script+":3:7  matched   true")
			assert.Contains(t, trace, script+":3:14  run       fileinto")
			if tt.wantTrace == "stderr" {
				assert.Equal(t, tt.wantStdout, stdout.String(), "stdout is one JSON object")
			} else {
				assert.Contains(t, stdout.String(), tt.wantStdout)
			}
		})
	}
}
