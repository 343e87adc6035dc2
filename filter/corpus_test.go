package filter_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/letterbox-mail/letterbox/filter"
)

// corpusResult is the normalised result form of testdata/corpus.
type corpusResult struct {
	Error   bool           `json:"error"`
	Actions []corpusAction `json:"actions"`
}

type corpusAction struct {
	Type    string   `json:"type"`
	Mailbox string   `json:"mailbox,omitempty"`
	Flags   []string `json:"flags,omitempty"`
	To      string   `json:"to,omitempty"`
	Reason  string   `json:"reason,omitempty"`
	Subject string   `json:"subject,omitempty"`
}

func (a corpusAction) key() string {
	return a.Type + "\x00" + a.Mailbox + a.To + a.Reason
}

func sortActions(acts []corpusAction) {
	sort.SliceStable(acts, func(i, j int) bool { return acts[i].key() < acts[j].key() })
}

// normalise turns a filter result into the corpus form.
func normalise(res filter.Result) corpusResult {
	out := corpusResult{Actions: []corpusAction{}}
	for _, a := range oracleActions(res) {
		ca := corpusAction{Type: a.Type, Mailbox: a.Mailbox, Flags: a.Flags, To: a.To, Reason: a.Reason}
		if a.Subject != nil {
			ca.Subject = *a.Subject
		}
		out.Actions = append(out.Actions, ca)
	}
	sortActions(out.Actions)
	return out
}

func sortStrings(s []string) { sort.Strings(s) }

// runCase compiles and runs one corpus case directory.
func runCase(t *testing.T, dir string) corpusResult {
	t.Helper()
	return runCaseWith(t, filepath.Join(dir, "script.sieve"), dir)
}

// runCaseWith runs a script on the message and envelope of a case.
func runCaseWith(t *testing.T, scriptPath, dir string) corpusResult {
	t.Helper()
	script, err := os.ReadFile(scriptPath)
	require.NoError(t, err)
	msg, err := os.ReadFile(filepath.Join(dir, "message.eml"))
	require.NoError(t, err)
	envJSON, err := os.ReadFile(filepath.Join(dir, "envelope.json"))
	require.NoError(t, err)
	var env struct{ From, To string }
	require.NoError(t, json.Unmarshal(envJSON, &env))

	res, compiled := runEngine(t, scriptPath, script, msg, env.From, env.To)
	if !compiled {
		return corpusResult{Error: true, Actions: []corpusAction{}}
	}
	return normalise(res)
}

func TestCorpus(t *testing.T) {
	t.Parallel()
	dirs, err := filepath.Glob(filepath.Join("testdata", "corpus", "[0-9]*"))
	require.NoError(t, err)
	require.NotEmpty(t, dirs)
	for _, dir := range dirs {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			t.Parallel()
			raw, err := os.ReadFile(filepath.Join(dir, "expected.json"))
			require.NoError(t, err)
			var want corpusResult
			require.NoError(t, json.Unmarshal(raw, &want))
			for i := range want.Actions {
				if len(want.Actions[i].Flags) == 0 {
					want.Actions[i].Flags = nil
				}
			}
			sortActions(want.Actions)
			assert.Equal(t, want, runCase(t, dir))
		})
	}
}
