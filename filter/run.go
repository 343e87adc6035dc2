package filter

import (
	"context"
	"errors"
	"fmt"
	"io"
	"slices"
	"time"

	"github.com/foxcpp/go-sieve/interp"
)

// Envelope is the SMTP envelope of the message being filtered.
type Envelope struct {
	From string // envelope sender (MAIL FROM); "" is the null sender <>
	To   string // envelope recipient (RCPT TO): the script owner's address
}

// Input is what one run of a script sees.
type Input struct {
	// Envelope is the SMTP envelope, seen by the envelope test and
	// vacation.
	Envelope Envelope
	// Message is the whole RFC 5322 message. It is read through ReadAt
	// only, never modified, and may be read several times; the body test
	// streams it. nil is an empty message.
	Message io.ReaderAt
	// Size is the message size in bytes, as the size test sees it.
	Size int64
	// Mailboxes reports whether a mailbox exists (mailboxexists test).
	// nil means only "INBOX" exists.
	Mailboxes func(name string) bool
	// Vacation is asked whether a vacation reply was already sent. nil
	// means there is no reply history.
	Vacation VacationStore
	// Now is the current time for currentdate and vacation; zero means
	// time.Now().
	Now time.Time
	// Flags is the initial value of the imap4flags internal variable; nil
	// means none. Filter.Evaluate passes each script's final flags to the
	// next, as Pigeonhole shares the variable along the chain.
	Flags []string
	// Trace, when not nil, is called synchronously for every if or elsif
	// test evaluated and every command run, in order; see TraceEvent. When
	// nil, tracing costs a nil check per test and command and nothing
	// else. A panic in Trace is a run-time error.
	Trace func(TraceEvent)
}

// VacationStore remembers vacation replies per (sender, handle). Run only
// calls Replied; the caller calls Claim before sending a reply and Release
// when sending failed. Implementations must be safe for concurrent use.
type VacationStore interface {
	// Replied reports whether a reply to sender for handle is on record
	// and not yet expired at now.
	Replied(ctx context.Context, sender, handle string, now time.Time) (bool, error)
	// Claim atomically checks and records a reply valid until until; false
	// means a reply is already on record.
	Claim(ctx context.Context, sender, handle string, now, until time.Time) (bool, error)
	// Release forgets a claim whose reply could not be sent.
	Release(ctx context.Context, sender, handle string) error
}

// Result is the outcome of a run: the actions in the order the script
// produced them, after merging duplicates (one Store per mailbox, whose
// Flags are the last ones given; one Redirect per address). When
// ImplicitKeep is true, the implicit keep is already in Actions as a Store
// into INBOX with the flags set at the end of the script.
//
// Flags are canonical: the system flags are written \Seen, \Answered,
// \Flagged, \Deleted and \Draft; duplicates are removed without regard to
// case; the list is sorted by code point.
type Result struct {
	Actions      []Action // in order, duplicates merged
	ImplicitKeep bool     // the implicit keep applies (and is in Actions)
}

// keepOnly is the result of a failed run.
func keepOnly() Result {
	return Result{Actions: []Action{Store{Mailbox: "INBOX", Keep: true}}, ImplicitKeep: true}
}

// Run evaluates the script against one message. It never panics because of
// a script or a message. On a run-time error it returns the implicit keep
// only (one Store into INBOX, no flags) and a *ScriptError matching
// ErrRuntime. A cancelled ctx is returned as is, with the implicit keep.
func (s *Script) Run(ctx context.Context, in Input) (Result, error) {
	res, _, err := s.run(ctx, in)
	return res, err
}

// runEnd is what the chain needs beyond a Result.
type runEnd struct {
	flags []string // final value of the imap4flags internal variable
	kept  bool     // an explicit keep ran (perhaps merged with fileinto "INBOX")
}

// run is Run that also returns a runEnd (zero after an error).
func (s *Script) run(ctx context.Context, in Input) (res Result, end runEnd, err error) {
	if in.Now.IsZero() {
		in.Now = time.Now()
	}
	msg, err := newMessage(in.Message, in.Size, s.limits.MaxHeaders)
	if err != nil {
		return keepOnly(), runEnd{}, &ScriptError{File: s.name, Msg: "reading message: " + err.Error(), Runtime: true, Err: err}
	}
	st := newRunState(s, &in, msg)
	st.once[s.main] = true // the main script counts as included
	d := interp.NewRuntimeData(s.main.base, allowAll{}, sieveEnvelope(in.Envelope), msg)
	d.Env = environment(in)
	d.Flags = slices.Clone(in.Flags)
	d.OnAction = st.onAction
	ctx = context.WithValue(ctx, stateKey{}, st)
	defer func() {
		if p := recover(); p != nil {
			res, end, err = keepOnly(), runEnd{}, st.runtimeErr(fmt.Errorf("internal error: %v", p))
		}
	}()
	if err := st.runUnit(ctx, d, s.main); err != nil && !errors.Is(err, interp.ErrStop) {
		if ctxErr := ctx.Err(); ctxErr != nil {
			return keepOnly(), runEnd{}, ctxErr
		}
		return keepOnly(), runEnd{}, st.runtimeErr(err)
	}
	return st.result(d), runEnd{flags: d.Flags, kept: st.kept}, nil
}

// allowAll lets every redirect through; Run enforces the limit itself.
type allowAll struct{}

// RedirectAllowed implements interp.PolicyReader.
func (allowAll) RedirectAllowed(context.Context, *interp.RuntimeData, string) (bool, error) {
	return true, nil
}

func sieveEnvelope(e Envelope) interp.EnvelopeStatic {
	return interp.EnvelopeStatic{From: e.From, To: e.To}
}

// environment gives the environment test (RFC 5183) its items.
func environment(in Input) interp.MapEnv {
	env := interp.MapEnv{
		"location": "MDA",
		"phase":    "during",
		"name":     "Letterbox",
	}
	if _, domain, ok := splitAddr(in.Envelope.To); ok {
		env["domain"] = domain
	}
	return env
}
