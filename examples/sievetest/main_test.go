package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestMain lets the test binary act as sievetest itself: a child started
// with LETTERBOX_SIEVETEST_MAIN=1 runs main with its arguments, so the
// tests drive the real program (exit status, stdout) without a go build.
func TestMain(m *testing.M) {
	if os.Getenv("LETTERBOX_SIEVETEST_MAIN") == "1" {
		main()
	}
	os.Exit(m.Run())
}

// corpusDir holds the Pigeonhole conformance cases (copied from the shared
// sieve corpus by the filter package).
const corpusDir = "../../filter/testdata/corpus"

// sievetest runs the binary and returns stdout, stderr and the exit code.
func sievetest(t *testing.T, args ...string) (string, string, int) {
	t.Helper()
	cmd := exec.CommandContext(t.Context(), os.Args[0], args...)
	cmd.Env = append(os.Environ(), "LETTERBOX_SIEVETEST_MAIN=1")
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else {
		require.NoError(t, err)
	}
	return stdout.String(), stderr.String(), code
}

// TestCorpus runs every conformance case through sievetest -json and
// compares as the corpus runner does: order-insensitive, flags as a set
// with canonical system flags, unknown fields ignored.
func TestCorpus(t *testing.T) {
	t.Parallel()
	entries, err := os.ReadDir(corpusDir)
	require.NoError(t, err)
	n := 0
	for _, e := range entries {
		dir := filepath.Join(corpusDir, e.Name())
		if _, err := os.Stat(filepath.Join(dir, "expected.json")); err != nil {
			continue
		}
		n++
		t.Run(e.Name(), func(t *testing.T) {
			t.Parallel()
			var env struct{ From, To string }
			readJSON(t, filepath.Join(dir, "envelope.json"), &env)
			var want map[string]any
			readJSON(t, filepath.Join(dir, "expected.json"), &want)
			stdout, stderr, code := sievetest(t, "-json", "-mailboxes", "INBOX,Archive,Junk,Trash",
				"-script", filepath.Join(dir, "script.sieve"), "-from", env.From, "-to", env.To,
				filepath.Join(dir, "message.eml"))
			require.Equal(t, 0, code, stderr)
			require.Equal(t, 1, strings.Count(stdout, "\n"), "exactly one JSON object: %q", stdout)
			var got map[string]any
			require.NoError(t, json.Unmarshal([]byte(stdout), &got), stdout)
			assert.Equal(t, normalize(want), normalize(got), "stderr: %s", stderr)
		})
	}
	assert.Positive(t, n, "no corpus cases found")
}

func readJSON(t *testing.T, path string, v any) {
	t.Helper()
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	require.NoError(t, json.Unmarshal(data, v))
}

var systemFlags = map[string]string{`\seen`: `\Seen`, `\answered`: `\Answered`,
	`\flagged`: `\Flagged`, `\deleted`: `\Deleted`, `\draft`: `\Draft`}

// normalize mirrors run-candidate.sh: known fields per type, flags as a
// sorted set, actions sorted by type, main field and the whole action.
func normalize(r map[string]any) map[string]any {
	acts, _ := r["actions"].([]any)
	out := []map[string]any{}
	for _, x := range acts {
		a, _ := x.(map[string]any)
		n := map[string]any{"type": a["type"]}
		switch a["type"] {
		case "store":
			n["mailbox"] = a["mailbox"]
			n["flags"] = canonFlags(a["flags"])
		case "redirect":
			n["to"] = a["to"]
		case "reject":
			n["reason"] = a["reason"]
		case "vacation":
			n["to"], n["subject"] = a["to"], a["subject"]
		default:
			n = a
		}
		out = append(out, n)
	}
	sort.Slice(out, func(i, j int) bool { return actionKey(out[i]) < actionKey(out[j]) })
	return map[string]any{"error": r["error"] == true, "actions": out}
}

func canonFlags(v any) []string {
	list, _ := v.([]any)
	set := []string{}
	for _, f := range list {
		s, _ := f.(string)
		if c, ok := systemFlags[strings.ToLower(s)]; ok {
			s = c
		}
		if s != "" && !slices.Contains(set, s) {
			set = append(set, s)
		}
	}
	sort.Strings(set)
	return set
}

func actionKey(a map[string]any) string {
	k := ""
	for _, f := range []string{"mailbox", "to", "reason"} {
		if s, ok := a[f].(string); ok {
			k = s
			break
		}
	}
	all, _ := json.Marshal(a)
	return fmt.Sprint(a["type"]) + "\x00" + k + "\x00" + string(all)
}
