package filtertest_test

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/letterbox-mail/letterbox/filter"
	"github.com/letterbox-mail/letterbox/filter/filtertest"
)

const script = "testdata/vacation.sieve"

func TestRun_expect(t *testing.T) {
	t.Parallel()
	tests := []struct {
		msg  string
		from string
		want []string
	}{
		{"lunch.eml", "anna@example.org", []string{`vacation to "anna@example.org" subject "Out of office"`, `store "INBOX"`}},
		{"spam.eml", "spammer@example.net", []string{`store "Junk" flags [\Seen]`}},
		{"boss.eml", "boss@example.com", []string{`vacation to "boss@example.com" subject "Out of office"`, `store "INBOX" flags [\Flagged]`}},
		{"lunch.eml", "", []string{`store "INBOX"`}}, // no reply to the null sender
	}
	for _, tt := range tests {
		t.Run(tt.msg+"/"+tt.from, func(t *testing.T) {
			t.Parallel()
			r := filtertest.Run(t, script, filepath.Join("testdata", tt.msg),
				filter.Envelope{From: tt.from, To: "tim@example.com"}, filtertest.Options{Now: time.Unix(0, 0)})
			require.NoError(t, r.Err)
			r.Expect(t, tt.want...)
		})
	}
}

// recorder is a testing.TB that records failures instead of failing.
type recorder struct {
	testing.TB
	errors []string
	fatal  bool
}

func (r *recorder) Helper() {}
func (r *recorder) Errorf(format string, args ...any) {
	r.errors = append(r.errors, fmt.Sprintf(format, args...))
}
func (r *recorder) Fatalf(format string, args ...any) {
	r.Errorf(format, args...)
	r.fatal = true
}

func TestExpect_mismatchShowsDiff(t *testing.T) {
	t.Parallel()
	r := filtertest.Run(t, script, "testdata/spam.eml", filter.Envelope{From: "x@example.net", To: "tim@example.com"}, filtertest.Options{})
	rec := &recorder{TB: t}
	assert.False(t, r.Expect(rec, `store "INBOX"`))
	require.Len(t, rec.errors, 1)
	assert.Contains(t, rec.errors[0], `-store "INBOX"`)
	assert.Contains(t, rec.errors[0], `+store "Junk" flags [\Seen]`)
	assert.True(t, r.Expect(rec, `store "Junk" flags [\Seen]`))
}

func TestCompileError(t *testing.T) {
	t.Parallel()
	se := filtertest.CompileError(t, "testdata/broken.sieve", filter.CompileOptions{})
	assert.Equal(t, "testdata/broken.sieve", se.File)
	assert.Positive(t, se.Line)
}

func TestEvaluate_errors(t *testing.T) {
	t.Parallel()
	env := filter.Envelope{To: "tim@example.com"}
	_, err := filtertest.Evaluate(t.Context(), "testdata/missing.sieve", "testdata/spam.eml", env, filtertest.Options{})
	require.Error(t, err)
	_, err = filtertest.Evaluate(t.Context(), script, "testdata/missing.eml", env, filtertest.Options{})
	require.Error(t, err)
	_, err = filtertest.Evaluate(t.Context(), "testdata/broken.sieve", "testdata/spam.eml", env, filtertest.Options{})
	require.ErrorIs(t, err, filter.ErrCompile)
	rec := &recorder{TB: t}
	filtertest.Run(rec, "testdata/broken.sieve", "testdata/spam.eml", env, filtertest.Options{})
	assert.True(t, rec.fatal)
}

func TestDescribeAction(t *testing.T) {
	t.Parallel()
	tests := []struct {
		a    filter.Action
		want string
	}{
		{filter.Store{Mailbox: "A b", Flags: []string{"$x", `\Seen`}, Create: true}, `store "A b" flags [$x \Seen] :create`},
		{filter.Redirect{To: "a@b", Copy: true}, `redirect "a@b" :copy`},
		{filter.Reject{Reason: "no\n"}, `reject "no\n"`},
		{filter.Reject{Reason: "no", Extended: true}, `ereject "no"`},
		{filter.Discard{}, "discard"},
		{filter.Vacation{To: "a@b", Subject: "Auto: é"}, `vacation to "a@b" subject "Auto: é"`},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, filtertest.DescribeAction(tt.a))
	}
}

func TestRun_runtimeError(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "two.sieve")
	require.NoError(t, os.WriteFile(path, []byte(`require "vacation"; vacation "a"; vacation "b";`), 0o644))
	r := filtertest.Run(t, path, "testdata/lunch.eml", filter.Envelope{From: "anna@example.org", To: "tim@example.com"}, filtertest.Options{})
	require.ErrorIs(t, r.Err, filter.ErrRuntime)
	r.Expect(t, `store "INBOX"`)
}
