package filter_test

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/letterbox-mail/letterbox/filter"
)

const vacationScript = `require "vacation";
vacation :days 1 :subject "Away" :addresses ["tim@shisaa.jp", "t.alias@shisaa.jp"] "I am away.";`

func TestVacation_suppression(t *testing.T) {
	t.Parallel()
	base := "From: Alice <alice@example.org>\r\nTo: Tim <tim@shisaa.jp>\r\nSubject: Hi\r\n"
	tests := []struct {
		name   string
		from   string
		to     string
		extra  string // header lines added to base
		header string // replaces base when set
		reply  bool
	}{
		{name: "plain", reply: true},
		{name: "null sender", from: ""},
		{name: "sender is recipient", from: "TIM@shisaa.jp"},
		{name: "sender in addresses", from: "t.alias@SHISAA.jp"},
		{name: "list-id", extra: "List-Id: <dev.example.net>\r\n"},
		{name: "list-unsubscribe", extra: "List-Unsubscribe: <mailto:x@example.net>\r\n"},
		{name: "auto-submitted", extra: "Auto-Submitted: auto-generated\r\n"},
		{name: "auto-submitted no", extra: "Auto-Submitted: No\r\n", reply: true},
		{name: "auto-submitted no with comment", extra: "Auto-Submitted: no (x)\r\n"},
		{name: "auto-submitted no with trailing space", extra: "Auto-Submitted:  no \r\n"},
		{name: "precedence with trailing space", extra: "Precedence: list \r\n", reply: true},
		{name: "precedence folded", extra: "Precedence:\r\n list\r\n", reply: true},
		{name: "x-auto-response-suppress all", extra: "X-Auto-Response-Suppress: DR,  all \r\n"},
		{name: "x-auto-response-suppress oofx", extra: "X-Auto-Response-Suppress: OOFX\r\n", reply: true},
		{name: "precedence bulk", extra: "Precedence: BULK\r\n"},
		{name: "precedence first-class", extra: "Precedence: first-class\r\n", reply: true},
		{name: "x-auto-response-suppress oof", extra: "X-Auto-Response-Suppress: DR, OOF\r\n"},
		{name: "x-auto-response-suppress rn", extra: "X-Auto-Response-Suppress: RN\r\n", reply: true},
		{name: "mailer-daemon", from: "Mailer-Daemon@example.org"},
		{name: "listserv", from: "listserv@example.org"},
		{name: "majordomo", from: "MAJORDOMO@example.org"},
		{name: "request", from: "dev-request@example.org"},
		{name: "requests", from: "billing-requests@example.org"},
		{name: "owner prefix", from: "owner-dev@example.org"},
		{name: "Owner prefix is case-sensitive", from: "Owner-dev@example.org", reply: true},
		{name: "not addressed", header: "From: a@example.org\r\nTo: other@shisaa.jp\r\n"},
		{name: "other detail", to: "tim+work@shisaa.jp", header: "From: a@example.org\r\nTo: tim+home@shisaa.jp\r\n"},
		{name: "in cc", header: "From: a@example.org\r\nTo: x@example.org\r\nCc: \"Tim\" <Tim@Shisaa.jp>\r\n", reply: true},
		{name: "in resent-bcc", header: "From: a@example.org\r\nResent-Bcc: tim@shisaa.jp\r\n", reply: true},
		{name: "alias in group", header: "From: a@example.org\r\nTo: team: x@example.org, t.alias@shisaa.jp;\r\n", reply: true},
		{name: "unparsable before", header: "From: a@example.org\r\nTo: bad<<address, tim@shisaa.jp\r\n"},
		{name: "unparsable after", header: "From: a@example.org\r\nTo: tim@shisaa.jp, bad<<address\r\n", reply: true},
		{name: "bare word before", header: "From: a@example.org\r\nTo: Doe, John <tim@shisaa.jp>\r\n", reply: true},
		{name: "undisclosed", header: "From: a@example.org\r\nTo: undisclosed-recipients:;\r\n"},
	}
	s := compile(t, vacationScript, filter.CompileOptions{})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			env := filter.Envelope{From: "alice@example.org", To: "tim@shisaa.jp"}
			if tt.from != "" || tt.name == "null sender" {
				env.From = tt.from
			}
			if tt.to != "" {
				env.To = tt.to
			}
			msg := base + tt.extra
			if tt.header != "" {
				msg = tt.header
			}
			res, err := s.Run(t.Context(), input(msg+"\r\nbody\r\n", env))
			require.NoError(t, err)
			assert.Equal(t, tt.reply, len(vacations(res)) == 1)
			assert.True(t, res.ImplicitKeep)
		})
	}
}

func TestVacation_subject(t *testing.T) {
	t.Parallel()
	long := ""
	for range 30 {
		long += "0123456789"
	}
	tests := []struct{ name, script, subject, want string }{
		{"explicit", `vacation :subject "Away" "x";`, "Subject: Hi\r\n", "Away"},
		{"empty explicit", `vacation :subject "" "x";`, "Subject: Hi\r\n", "Auto: Hi"},
		{"default", `vacation "x";`, "Subject: Hi\r\n", "Auto: Hi"},
		{"empty original", `vacation "x";`, "Subject:\r\n", "Auto: "},
		{"spaces kept", `vacation "x";`, "Subject:   spaced   out  \r\n", "Auto: spaced   out  "},
		{"folded", `vacation "x";`, "Subject: a\r\n b\r\n", "Auto: a b"},
		{"blank explicit", `vacation :subject "  " "x";`, "Subject: a\r\n", "  "},
		{"no subject", `vacation "x";`, "", "Automated reply"},
		{"encoded", `vacation "x";`, "Subject: =?utf-8?q?Gr=C3=BC=C3=9Fe?=\r\n", "Auto: Grüße"},
		{"too long", `vacation "x";`, "Subject: " + long + "\r\n", "Auto: " + long[:249] + "…"},
		{"variables", `require "variables"; set "s" "Re: away"; vacation :subject "${s}" "x";`, "", "Re: away"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			msg := "From: alice@example.org\r\nTo: tim@shisaa.jp\r\n" + tt.subject + "\r\nbody\r\n"
			res, err := runMsg(t, `require "vacation"; `+tt.script, msg)
			require.NoError(t, err)
			v := vacations(res)
			require.Len(t, v, 1)
			assert.Equal(t, tt.want, v[0].Subject)
		})
	}
}

func TestVacation_fields(t *testing.T) {
	t.Parallel()
	msg := "From: alice@example.org\r\nTo: tim@shisaa.jp\r\nMessage-ID: <m2@example.org>\r\n" +
		"References: <m0@example.org> <m1@example.org>\r\nSubject: Hi\r\n\r\nbody\r\n"
	res, err := runMsg(t, `require "vacation";
vacation :days 0 :from "tim@shisaa.jp" :mime "Away";`, msg)
	require.NoError(t, err)
	v := vacations(res)
	require.Len(t, v, 1)
	assert.Equal(t, filter.Vacation{
		To: "alice@example.org", Subject: "Auto: Hi", From: "tim@shisaa.jp",
		Reason: "Away", MIME: true,
		Handle:    "Away<default-subject>tim@shisaa.jp<MIME>",
		Period:    24 * time.Hour,
		InReplyTo: "<m2@example.org>", References: "<m0@example.org> <m1@example.org> <m2@example.org>",
		Pos: filter.Pos{File: "test.sieve", Line: 2, Column: 1},
	}, v[0])
}

func TestVacation_detailIsAnotherAddress(t *testing.T) {
	t.Parallel()
	s := compile(t, `require "vacation"; vacation "x";`, filter.CompileOptions{})
	msg := "From: alice@example.org\r\nTo: tim@shisaa.jp\r\n\r\nbody\r\n"
	res, err := s.Run(t.Context(), input(msg, filter.Envelope{From: "alice@example.org", To: "tim+work@shisaa.jp"}))
	require.NoError(t, err)
	assert.Empty(t, vacations(res))
}

func TestVacation_period(t *testing.T) {
	t.Parallel()
	week := 7 * 24 * time.Hour
	tests := []struct {
		script string
		opts   filter.CompileOptions
		want   time.Duration
	}{
		{`require "vacation"; vacation "x";`, filter.CompileOptions{}, week},
		{`require "vacation"; vacation :days 3 "x";`, filter.CompileOptions{}, 3 * 24 * time.Hour},
		{`require "vacation"; vacation :days 0 "x";`, filter.CompileOptions{}, 24 * time.Hour},
		{`require "vacation"; vacation :days 90 "x";`,
			filter.CompileOptions{Vacation: filter.VacationOptions{MaxPeriod: 30 * 24 * time.Hour}}, 30 * 24 * time.Hour},
		{`require ["vacation", "vacation-seconds"]; vacation :seconds 3600 "x";`,
			filter.CompileOptions{Extensions: []string{"vacation-seconds"}, Vacation: filter.VacationOptions{MinPeriod: time.Minute}}, time.Hour},
	}
	for _, tt := range tests {
		s := compile(t, tt.script, tt.opts)
		res, err := s.Run(t.Context(), input(testMessage, testEnvelope))
		require.NoError(t, err)
		v := vacations(res)
		require.Len(t, v, 1, tt.script)
		assert.Equal(t, tt.want, v[0].Period, tt.script)
	}
	compileErr(t, `require ["vacation", "vacation-seconds"]; vacation :seconds 60 "x";`, filter.CompileOptions{})
	compileErr(t, `require "vacation"; vacation :seconds 60 "x";`, filter.CompileOptions{Extensions: []string{"vacation-seconds"}})
	compileErr(t, `require "vacation"; vacation :days "1" "x";`, filter.CompileOptions{})
	compileErr(t, `require "vacation"; vacation :from "not an address" "x";`, filter.CompileOptions{})
}

func TestVacation_conflicts(t *testing.T) {
	t.Parallel()
	for _, src := range []string{
		`require "vacation"; vacation "a"; vacation "b";`,
		`require ["vacation", "reject"]; reject "no"; vacation "a";`,
	} {
		res, err := runMsg(t, src, testMessage)
		require.ErrorIs(t, err, filter.ErrRuntime)
		assert.Equal(t, keepOnly, res)
	}
	res, err := runMsg(t, `require "vacation"; vacation "a"; discard;`, testMessage)
	require.NoError(t, err)
	assert.False(t, res.ImplicitKeep)
	assert.Len(t, vacations(res), 1)
}

// memStore is an in-memory VacationStore.
type memStore struct {
	mu    sync.Mutex
	until map[string]time.Time
	err   error
}

func (m *memStore) Replied(_ context.Context, sender, handle string, now time.Time) (bool, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	return now.Before(m.until[sender+"\x00"+handle]), m.err
}

func (m *memStore) Claim(_ context.Context, sender, handle string, now, until time.Time) (bool, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if now.Before(m.until[sender+"\x00"+handle]) {
		return false, nil
	}
	m.until[sender+"\x00"+handle] = until
	return true, nil
}

func (m *memStore) Release(_ context.Context, sender, handle string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	delete(m.until, sender+"\x00"+handle)
	return nil
}

func TestVacation_history(t *testing.T) {
	t.Parallel()
	s := compile(t, `require "vacation"; vacation :days 2 :handle "h" "x";`, filter.CompileOptions{})
	store := &memStore{until: map[string]time.Time{}}
	at := func(now time.Time) int {
		in := input(testMessage, testEnvelope)
		in.Vacation, in.Now = store, now
		res, err := s.Run(t.Context(), in)
		require.NoError(t, err)
		for _, v := range vacations(res) {
			ok, err := store.Claim(t.Context(), v.To, v.Handle, now, now.Add(v.Period))
			require.NoError(t, err)
			require.True(t, ok)
		}
		return len(vacations(res))
	}
	assert.Equal(t, 1, at(fixedNow))
	assert.Equal(t, 0, at(fixedNow.Add(47*time.Hour)))
	assert.Equal(t, 1, at(fixedNow.Add(49*time.Hour)))

	store.err = errors.New("disk on fire")
	in := input(testMessage, testEnvelope)
	in.Vacation = store
	res, err := s.Run(t.Context(), in)
	require.ErrorIs(t, err, filter.ErrRuntime)
	assert.Equal(t, keepOnly, res)
}
