package filter_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/letterbox-mail/letterbox/filter"
)

const (
	hamMessage  = "From: anna@example.org\r\nTo: tim@shisaa.jp\r\nSubject: hello\r\nMessage-ID: <1@example.org>\r\n\r\nhi\r\n"
	spamMessage = "From: anna@example.org\r\nTo: tim@shisaa.jp\r\nX-Spam-Flag:  yes \r\nSubject: buy\r\n\r\nspam\r\n"
)

// writeScript writes content to dir/name (creating dir) and returns the path.
func writeScript(t *testing.T, dir, name, content string) string {
	t.Helper()
	path := filepath.Join(dir, name)
	require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o755))
	require.NoError(t, os.WriteFile(path, []byte(content), 0o644))
	return path
}

func chainInput(msg string) filter.Input {
	return filter.Input{
		Envelope: filter.Envelope{From: "anna@example.org", To: "tim@shisaa.jp"},
		Message:  bytes.NewReader([]byte(msg)),
		Size:     int64(len(msg)),
	}
}

// brief renders actions without positions, for comparison.
func brief(acts []filter.Action) []filter.Action {
	out := []filter.Action{}
	for _, a := range acts {
		switch a := a.(type) {
		case filter.Store:
			a.Pos = filter.Pos{}
			out = append(out, a)
		case filter.Redirect:
			a.Pos = filter.Pos{}
			out = append(out, a)
		case filter.Reject:
			a.Pos = filter.Pos{}
			out = append(out, a)
		case filter.Discard:
			out = append(out, filter.Discard{})
		case filter.Vacation:
			out = append(out, filter.Vacation{To: a.To, Subject: a.Subject})
		}
	}
	return out
}

type chainCase struct {
	name     string
	before   map[string]string // file name -> script, in a before directory
	personal string            // "" = no personal script
	deflt    string
	after    string
	spam     filter.SpamRule
	msg      string
	want     []filter.Action
	implicit bool
	isSpam   bool
	errs     int
	ran      int
}

func TestFilter_Evaluate(t *testing.T) {
	t.Parallel()
	inbox := filter.Store{Mailbox: "INBOX", Keep: true}
	junk := filter.Store{Mailbox: "Junk", Create: true}
	tests := []chainCase{
		{name: "no scripts", msg: hamMessage, want: []filter.Action{inbox}, implicit: true},
		{name: "no scripts, spam to Junk", msg: spamMessage, want: []filter.Action{junk}, implicit: true, isSpam: true},
		{name: "spam rule off", msg: spamMessage, spam: filter.SpamRule{Disabled: true}, want: []filter.Action{inbox}, implicit: true},
		{name: "custom spam header", msg: hamMessage, spam: filter.SpamRule{Header: "subject", Value: "HELLO", Mailbox: "Spam"},
			want: []filter.Action{filter.Store{Mailbox: "Spam", Create: true}}, implicit: true, isSpam: true},
		{name: "explicit fileinto wins over spam", msg: spamMessage, ran: 1,
			personal: `require "fileinto"; fileinto "Archive";`, want: []filter.Action{filter.Store{Mailbox: "Archive"}}},
		{name: "explicit keep wins over spam", msg: spamMessage, ran: 1, personal: `keep;`, want: []filter.Action{inbox}},
		{name: "redirect copy keeps spam rule", msg: spamMessage, ran: 1,
			personal: `require "copy"; redirect :copy "x@example.net";`,
			want:     []filter.Action{filter.Redirect{To: "x@example.net", Copy: true}, junk}, implicit: true, isSpam: true},
		{name: "implicit keep flags move to Junk", msg: spamMessage, ran: 1,
			personal: `require "imap4flags"; addflag "\\Seen";`,
			want:     []filter.Action{filter.Store{Mailbox: "Junk", Create: true, Flags: []string{`\Seen`}}}, implicit: true, isSpam: true},
		{name: "before copy then personal", msg: hamMessage, ran: 2,
			before:   map[string]string{"a.sieve": `require ["fileinto","copy"]; fileinto :copy "Audit";`},
			personal: `require "fileinto"; fileinto "Work";`,
			want:     []filter.Action{filter.Store{Mailbox: "Audit"}, filter.Store{Mailbox: "Work"}}},
		{name: "before discard stops the chain", msg: hamMessage, ran: 1,
			before:   map[string]string{"a.sieve": `discard; stop;`},
			personal: `require "fileinto"; fileinto "Work";`, after: `keep;`,
			want: []filter.Action{filter.Discard{}}},
		{name: "keep in before is deferred to the next script", msg: hamMessage, ran: 2,
			before: map[string]string{"a.sieve": `keep;`}, personal: `discard;`,
			want: []filter.Action{filter.Discard{}}},
		{name: "directory order is byte order", msg: hamMessage, ran: 2, // 2-b first would stop the chain
			before: map[string]string{"2-b.sieve": `require "fileinto"; fileinto "B";`, "10-a.sieve": `keep;`, "skip.txt": `discard;`},
			want:   []filter.Action{filter.Store{Mailbox: "B"}}},
		{name: "after runs when keep is in effect", msg: hamMessage, ran: 2,
			personal: `keep;`, after: `require "fileinto"; fileinto "After";`,
			want: []filter.Action{filter.Store{Mailbox: "After"}}},
		{name: "after skipped when keep cancelled", msg: hamMessage, ran: 1,
			personal: `require "fileinto"; fileinto "Work";`, after: `require "fileinto"; fileinto "After";`,
			want: []filter.Action{filter.Store{Mailbox: "Work"}}},
		{name: "default only without personal", msg: hamMessage, ran: 1,
			deflt: `require "fileinto"; fileinto "Default";`, want: []filter.Action{filter.Store{Mailbox: "Default"}}},
		{name: "personal replaces default", msg: hamMessage, ran: 1,
			deflt: `require "fileinto"; fileinto "Default";`, personal: `keep;`, want: []filter.Action{inbox}},
		{name: "compile error keeps in INBOX and stops", msg: spamMessage, ran: 2, errs: 1,
			before:   map[string]string{"a.sieve": `require ["fileinto","copy"]; fileinto :copy "Audit";`},
			personal: "require \"fileinto\";\nfileinto \"Work\"\n", after: `discard;`,
			want: []filter.Action{filter.Store{Mailbox: "Audit"}, inbox}},
		{name: "run-time error keeps in INBOX", msg: hamMessage, ran: 1, errs: 1,
			personal: `require "reject"; reject "no"; keep;`, want: []filter.Action{inbox}},
		{name: "reject after a store in an earlier script does both", msg: hamMessage, ran: 2,
			before:   map[string]string{"a.sieve": `require ["fileinto","copy"]; fileinto :copy "Audit";`},
			personal: `require "reject"; reject "go away";`,
			want:     []filter.Action{filter.Store{Mailbox: "Audit"}, filter.Reject{Reason: "go away"}}},
		{name: "flags of a deferred keep reach the final keep", msg: hamMessage, ran: 2, implicit: true,
			before:   map[string]string{"a.sieve": `require "imap4flags"; addflag "\\Flagged";`},
			personal: `require "imap4flags"; addflag "\\seen";`,
			want:     []filter.Action{filter.Store{Mailbox: "INBOX", Flags: []string{`\Flagged`, `\Seen`}, Keep: true}}},
		{name: "removeflag undoes a flag of an earlier script", msg: hamMessage, ran: 2, implicit: true,
			before:   map[string]string{"a.sieve": `require "imap4flags"; addflag ["\\Seen", "$A"];`},
			personal: `require "imap4flags"; removeflag "\\seen";`,
			want:     []filter.Action{filter.Store{Mailbox: "INBOX", Flags: []string{"$A"}, Keep: true}}},
		{name: "flags of a deferred explicit keep are dropped", msg: hamMessage, ran: 2, implicit: true,
			before:   map[string]string{"a.sieve": `require "imap4flags"; keep :flags "$K";`},
			personal: `# nothing`, want: []filter.Action{inbox}},
		{name: "keep beside fileinto INBOX lets the chain go on", msg: hamMessage, ran: 2,
			before:   map[string]string{"a.sieve": `require "fileinto"; fileinto "INBOX"; keep;`},
			personal: `require "fileinto"; fileinto "Work";`,
			want:     []filter.Action{filter.Store{Mailbox: "INBOX"}, filter.Store{Mailbox: "Work"}}},
		{name: "one vacation across scripts", msg: hamMessage, ran: 2,
			before:   map[string]string{"a.sieve": `require "vacation"; vacation :subject "one" "away";`},
			personal: `require "vacation"; vacation :subject "two" "away";`,
			want:     []filter.Action{filter.Vacation{To: "anna@example.org", Subject: "one"}, inbox}, implicit: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			runChainCase(t, tt)
		})
	}
}

func runChainCase(t *testing.T, tt chainCase) {
	dir := t.TempDir()
	home := filepath.Join(dir, "home")
	require.NoError(t, os.MkdirAll(home, 0o755))
	opts := filter.Options{Spam: tt.spam}
	if tt.before != nil {
		for name, src := range tt.before {
			writeScript(t, filepath.Join(dir, "before.d"), name, src)
		}
		opts.Before = []string{filepath.Join(dir, "before.d")}
	}
	if tt.after != "" {
		opts.After = []string{writeScript(t, dir, "after.sieve", tt.after)}
	}
	if tt.deflt != "" {
		opts.Default = writeScript(t, dir, "default.sieve", tt.deflt)
	}
	if tt.personal != "" {
		writeScript(t, home, filepath.Join("sieve", "main.sieve"), tt.personal)
		require.NoError(t, os.Symlink(filepath.Join("sieve", "main.sieve"), filepath.Join(home, ".dovecot.sieve")))
	}
	f, err := filter.New(opts)
	require.NoError(t, err)
	ev, err := f.Evaluate(t.Context(), filter.User{Home: home}, chainInput(tt.msg))
	require.NoError(t, err)
	assert.Equal(t, tt.want, brief(ev.Actions))
	assert.Equal(t, tt.implicit, ev.ImplicitKeep, "implicit keep")
	assert.Equal(t, tt.isSpam, ev.Spam, "spam")
	assert.Len(t, ev.Errors, tt.errs, "errors: %v", ev.Errors)
	assert.Len(t, ev.Scripts, tt.ran, "scripts: %v", ev.Scripts)
	for _, e := range ev.Errors {
		var se *filter.ScriptError
		require.ErrorAs(t, e, &se)
		assert.NotEmpty(t, se.File)
	}
}

func TestFilter_Evaluate_errorNamesResolvedFile(t *testing.T) {
	t.Parallel()
	home := t.TempDir()
	target := writeScript(t, home, "sieve/broken.sieve", "keep;\nfileinto \"x\";\n")
	require.NoError(t, os.Symlink("sieve/broken.sieve", filepath.Join(home, ".dovecot.sieve")))
	f, err := filter.New(filter.Options{})
	require.NoError(t, err)
	ev, err := f.Evaluate(t.Context(), filter.User{Home: home}, chainInput(hamMessage))
	require.NoError(t, err)
	require.Len(t, ev.Errors, 1)
	real, err := filepath.EvalSymlinks(target)
	require.NoError(t, err)
	assert.Regexp(t, `^`+real+`:2:\d+: `, ev.Errors[0].Error())
	assert.Equal(t, []filter.Action{filter.Store{Mailbox: "INBOX", Keep: true}}, ev.Actions)
	assert.True(t, ev.Actions[0].(filter.Store).Flags == nil)
}

func TestFilter_Evaluate_userScriptPaths(t *testing.T) {
	t.Parallel()
	home := t.TempDir()
	writeScript(t, home, "custom/my.sieve", `require ["fileinto","include"]; include :personal "lib"; fileinto "Custom";`)
	writeScript(t, home, "lib/lib.sieve", `require "fileinto"; fileinto "Lib";`)
	f, err := filter.New(filter.Options{})
	require.NoError(t, err)
	u := filter.User{Home: home, Script: "custom/my.sieve", ScriptDir: filepath.Join(home, "lib")}
	ev, err := f.Evaluate(t.Context(), u, chainInput(hamMessage))
	require.NoError(t, err)
	require.Empty(t, ev.Errors)
	assert.Equal(t, []filter.Action{filter.Store{Mailbox: "Lib"}, filter.Store{Mailbox: "Custom"}}, brief(ev.Actions))
}

func TestFilter_Evaluate_scriptChangesAreSeen(t *testing.T) {
	t.Parallel()
	home := t.TempDir()
	writeScript(t, home, "sieve/a.sieve", `require "fileinto"; fileinto "A";`)
	writeScript(t, home, "sieve/b.sieve", `require "fileinto"; fileinto "Bee";`)
	active := filepath.Join(home, ".dovecot.sieve")
	require.NoError(t, os.Symlink("sieve/a.sieve", active))
	f, err := filter.New(filter.Options{})
	require.NoError(t, err)
	mailbox := func() string {
		ev, err := f.Evaluate(t.Context(), filter.User{Home: home}, chainInput(hamMessage))
		require.NoError(t, err)
		require.Len(t, ev.Actions, 1)
		return ev.Actions[0].(filter.Store).Mailbox
	}
	assert.Equal(t, "A", mailbox())
	// ManageSieve activates another script: new symlink renamed over the old.
	require.NoError(t, os.Symlink("sieve/b.sieve", active+".new"))
	require.NoError(t, os.Rename(active+".new", active))
	assert.Equal(t, "Bee", mailbox())
	// The active script is rewritten in place with another size.
	writeScript(t, home, "sieve/b.sieve", `require "fileinto"; fileinto "Changed";`)
	assert.Equal(t, "Changed", mailbox())
	// A dangling active symlink means no personal script.
	require.NoError(t, os.Remove(filepath.Join(home, "sieve/b.sieve")))
	assert.Equal(t, "INBOX", mailbox())
	require.NoError(t, os.Remove(active))
	assert.Equal(t, "INBOX", mailbox())
}

func TestNew_invalid(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	broken := writeScript(t, dir, "broken.sieve", `fileinto "x";`)
	for name, opts := range map[string]filter.Options{
		"missing before":  {Before: []string{filepath.Join(dir, "nope.sieve")}},
		"empty after":     {After: []string{""}},
		"broken global":   {After: []string{broken}},
		"missing default": {Default: filepath.Join(dir, "nope.sieve")},
	} {
		_, err := filter.New(opts)
		require.ErrorIs(t, err, filter.ErrScriptSource, name)
	}
	_, err := filter.New(filter.Options{Spam: filter.SpamRule{Header: "X-Bad: 1"}})
	require.Error(t, err)
	_, err = filter.New(filter.Options{CacheEntries: -1})
	require.Error(t, err)
}

func TestFilter_Evaluate_notARegularFile(t *testing.T) {
	t.Parallel()
	home := t.TempDir()
	require.NoError(t, os.Mkdir(filepath.Join(home, ".dovecot.sieve"), 0o755))
	f, err := filter.New(filter.Options{})
	require.NoError(t, err)
	ev, err := f.Evaluate(t.Context(), filter.User{Home: home}, chainInput(hamMessage))
	require.NoError(t, err)
	assert.Len(t, ev.Errors, 1)
	assert.Equal(t, []filter.Action{filter.Store{Mailbox: "INBOX", Keep: true}}, ev.Actions)
}

func TestFilter_Evaluate_cancelled(t *testing.T) {
	t.Parallel()
	home := t.TempDir()
	writeScript(t, home, ".dovecot.sieve", `keep;`)
	f, err := filter.New(filter.Options{})
	require.NoError(t, err)
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	_, err = f.Evaluate(ctx, filter.User{Home: home}, chainInput(hamMessage))
	require.ErrorIs(t, err, context.Canceled)
}

func TestFilter_Evaluate_concurrent(t *testing.T) {
	t.Parallel()
	home := t.TempDir()
	writeScript(t, home, ".dovecot.sieve", `require "fileinto"; if header :contains "subject" "hello" { fileinto "Hello"; }`)
	f, err := filter.New(filter.Options{})
	require.NoError(t, err)
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for range 20 {
				ev, err := f.Evaluate(t.Context(), filter.User{Home: home}, chainInput(hamMessage))
				assert.NoError(t, err)
				assert.Equal(t, []filter.Action{filter.Store{Mailbox: "Hello"}}, brief(ev.Actions))
			}
		})
	}
	wg.Wait()
}
