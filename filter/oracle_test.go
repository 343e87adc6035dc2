package filter_test

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/letterbox-mail/letterbox/filter"
)

// The oracle cases (testdata/oracle) are Sieve scripts, messages and
// envelopes whose expected.json real Pigeonhole produced through the
// harness in oracle_pigeonhole_test.go. TestOracle runs our engine on them;
// `go test ./filter -run Oracle -regen` (as root, with dovecot-sieve
// installed) runs Pigeonhole again and rewrites expected.json and
// pigeonhole.txt.

var regenOracle = flag.Bool("regen", false, "rerun Pigeonhole and rewrite testdata/oracle/*/expected.json")

// oracleCase is one case folder.
type oracleCase struct {
	Dir, Name       string
	Script, Message []byte
	Env             struct {
		From string `json:"from"`
		To   string `json:"to"`
	}
}

func loadOracleCase(t *testing.T, dir string) oracleCase {
	t.Helper()
	c := oracleCase{Dir: dir, Name: filepath.Base(dir)}
	var err error
	c.Script, err = os.ReadFile(filepath.Join(dir, "script.sieve"))
	require.NoError(t, err)
	c.Message, err = os.ReadFile(filepath.Join(dir, "message.eml"))
	require.NoError(t, err)
	raw, err := os.ReadFile(filepath.Join(dir, "envelope.json"))
	require.NoError(t, err)
	require.NoError(t, json.Unmarshal(raw, &c.Env))
	return c
}

func readExpected(t *testing.T, dir string) oracleResult {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join(dir, "expected.json"))
	require.NoError(t, err)
	var want oracleResult
	require.NoError(t, json.Unmarshal(raw, &want))
	return want.normal()
}

func caseDirs(t *testing.T, pattern string) []string {
	t.Helper()
	dirs, err := filepath.Glob(filepath.Join("testdata", pattern, "[0-9]*"))
	require.NoError(t, err)
	return dirs
}

var oracleMailboxes = []string{"INBOX", "Archive", "Junk", "Trash"}

// runEngine compiles script (named path) and runs it on msg through the
// public API, with the oracleMailboxes existing. compiled is false when
// the script does not compile; a runtime error leaves the actions taken.
func runEngine(t *testing.T, path string, script, msg []byte, from, to string) (res filter.Result, compiled bool) {
	t.Helper()
	s, err := filter.Compile(path, script, filter.CompileOptions{})
	if err != nil {
		var se *filter.ScriptError
		require.ErrorAs(t, err, &se)
		return filter.Result{}, false
	}
	res, err = s.Run(t.Context(), filter.Input{
		Envelope:  filter.Envelope{From: from, To: to},
		Message:   bytes.NewReader(msg),
		Size:      int64(len(msg)),
		Mailboxes: func(name string) bool { return slices.Contains(oracleMailboxes, name) },
	})
	if err != nil {
		require.ErrorIs(t, err, filter.ErrRuntime)
	}
	return res, true
}

// engineResult runs our engine on a case through the public API.
func engineResult(t *testing.T, c oracleCase) oracleResult {
	t.Helper()
	res, compiled := runEngine(t, filepath.Join(c.Dir, "script.sieve"), c.Script, c.Message, c.Env.From, c.Env.To)
	if !compiled {
		return oracleResult{Error: true, Actions: []oracleAction{}}
	}
	out := oracleResult{Actions: oracleActions(res)}
	return out.normal()
}

// oracleActions turns the actions of a filter result into oracleActions,
// in the same order.
func oracleActions(res filter.Result) []oracleAction {
	var out []oracleAction
	for _, a := range res.Actions {
		switch a := a.(type) {
		case filter.Store:
			out = append(out, oracleAction{Type: "store", Mailbox: a.Mailbox, Flags: a.Flags})
		case filter.Redirect:
			out = append(out, oracleAction{Type: "redirect", To: a.To})
		case filter.Reject:
			out = append(out, oracleAction{Type: "reject", Reason: a.Reason})
		case filter.Vacation:
			out = append(out, oracleAction{Type: "vacation", To: a.To, Subject: &a.Subject})
		}
	}
	return out
}

// knownFailures reads testdata/oracle/KNOWN_FAILURES: a case name, a tab
// and the diagnosis on each line.
func knownFailures(t *testing.T) map[string]string {
	t.Helper()
	out := map[string]string{}
	f, err := os.Open(filepath.Join("testdata", "oracle", "KNOWN_FAILURES"))
	if errors.Is(err, os.ErrNotExist) {
		return out
	}
	require.NoError(t, err)
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		name, why, _ := strings.Cut(sc.Text(), "\t")
		if name = strings.TrimSpace(name); name != "" && !strings.HasPrefix(name, "#") {
			out[name] = why
		}
	}
	require.NoError(t, sc.Err())
	return out
}

func TestOracle(t *testing.T) {
	t.Parallel()
	if *regenOracle {
		t.Skip("-regen rewrites expected.json; compare afterwards")
	}
	known := knownFailures(t)
	dirs := caseDirs(t, "oracle")
	require.NotEmpty(t, dirs)
	for name := range known {
		require.DirExists(t, filepath.Join("testdata", "oracle", name), "KNOWN_FAILURES names a missing case")
	}
	for _, dir := range dirs {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			t.Parallel()
			c := loadOracleCase(t, dir)
			want := readExpected(t, dir)
			got := engineResult(t, c).withoutSubjects(want)
			if why, ok := known[c.Name]; ok {
				if got.String() == want.String() {
					t.Skipf("%s now agrees with Pigeonhole: remove it from KNOWN_FAILURES", c.Name)
				}
				t.Skip("known difference from Pigeonhole: " + why)
			}
			assert.Equal(t, want.String(), got.String(), "script:\n%s", c.Script)
		})
	}
}

// TestOracleNormaliser checks the Go normaliser against every stored
// transcript: the corpus' own and ours.
func TestOracleNormaliser(t *testing.T) {
	t.Parallel()
	dirs := append(caseDirs(t, "corpus"), caseDirs(t, "oracle")...)
	for _, dir := range dirs {
		raw, err := os.ReadFile(filepath.Join(dir, "pigeonhole.txt"))
		if errors.Is(err, os.ErrNotExist) {
			continue
		}
		require.NoError(t, err)
		got, err := normaliseTranscript(string(raw))
		require.NoError(t, err, dir)
		assert.Equal(t, readExpected(t, dir).String(), got.String(), dir)
	}
}
