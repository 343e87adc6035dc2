package filter_test

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
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
func normalise(res filter.Result, err error) corpusResult {
	out := corpusResult{Actions: []corpusAction{}}
	if err != nil {
		return out
	}
	for _, a := range res.Actions {
		switch a := a.(type) {
		case filter.Store:
			out.Actions = append(out.Actions, corpusAction{Type: "store", Mailbox: a.Mailbox, Flags: a.Flags})
		case filter.Redirect:
			out.Actions = append(out.Actions, corpusAction{Type: "redirect", To: a.To})
		case filter.Reject:
			out.Actions = append(out.Actions, corpusAction{Type: "reject", Reason: a.Reason})
		case filter.Vacation:
			out.Actions = append(out.Actions, corpusAction{Type: "vacation", To: a.To, Subject: a.Subject})
		}
	}
	sortActions(out.Actions)
	return out
}

var corpusMailboxes = []string{"INBOX", "Archive", "Junk", "Trash"}

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

	s, err := filter.Compile(scriptPath, script, filter.CompileOptions{})
	if err != nil {
		var se *filter.ScriptError
		require.ErrorAs(t, err, &se)
		return corpusResult{Error: true, Actions: []corpusAction{}}
	}
	res, err := s.Run(t.Context(), filter.Input{
		Envelope:  filter.Envelope{From: env.From, To: env.To},
		Message:   bytes.NewReader(msg),
		Size:      int64(len(msg)),
		Mailboxes: func(name string) bool { return slices.Contains(corpusMailboxes, name) },
	})
	if err != nil {
		require.ErrorIs(t, err, filter.ErrRuntime)
		err = nil
	}
	return normalise(res, err)
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
