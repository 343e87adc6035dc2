package filter

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/foxcpp/go-sieve/interp"
)

type stateKey struct{}

// runState is everything one run accumulates. It reaches the command nodes
// through the context.
type runState struct {
	s   *Script
	in  *Input
	msg *message

	unit   *unit
	pos    Pos  // command being run
	create bool // the fileinto being run has :create

	actions    []Action
	count      int
	cancelKeep bool
	kept       bool            // an explicit keep ran
	stored     map[string]bool // mailboxes stored into, by storeKey
	redirects  map[string]bool
	deliver    Pos // first keep/fileinto/redirect, for conflict errors
	hasDeliver bool
	reject     bool
	vacation   bool

	once    map[*unit]bool
	globals map[string]string
}

func newRunState(s *Script, in *Input, msg *message) *runState {
	return &runState{s: s, in: in, msg: msg, redirects: map[string]bool{}, stored: map[string]bool{},
		once: map[*unit]bool{}, globals: map[string]string{}}
}

func stateOf(ctx context.Context) *runState {
	st, _ := ctx.Value(stateKey{}).(*runState)
	return st
}

// runtimeErr wraps err as a run-time *ScriptError at the current command.
func (st *runState) runtimeErr(err error) error {
	var se *ScriptError
	if errors.As(err, &se) {
		se.Runtime = true
		return se
	}
	file := st.pos.File
	if file == "" {
		file = st.s.name
	}
	return &ScriptError{File: file, Line: st.pos.Line, Column: st.pos.Column, Msg: err.Error(), Runtime: true, Err: err}
}

// runUnit runs a compiled script file; return ends it early.
func (st *runState) runUnit(ctx context.Context, d *interp.RuntimeData, u *unit) error {
	prevScript, prevUnit := d.Script, st.unit
	d.Script, st.unit = u.base, u
	defer func() { d.Script, st.unit = prevScript, prevUnit }()
	err := runBlock(ctx, d, u.cmds)
	if errors.Is(err, errReturn) {
		return nil
	}
	return err
}

func runBlock(ctx context.Context, d *interp.RuntimeData, cmds []interp.Cmd) error {
	for _, c := range cmds {
		if err := ctx.Err(); err != nil {
			return err
		}
		if err := c.Execute(ctx, d); err != nil {
			return err
		}
	}
	return nil
}

// onAction receives go-sieve's actions and records ours.
func (st *runState) onAction(_ context.Context, a interp.AppliedAction, d *interp.RuntimeData) error {
	d.AppliedActions = append(d.AppliedActions, a)
	switch a := a.(type) {
	case interp.ActionKeep:
		st.kept = true
		return st.store(Store{Mailbox: "INBOX", Flags: a.Flags, Keep: true, Pos: st.pos}, false)
	case interp.ActionFileInto:
		if !utf8.ValidString(a.Mailbox) {
			return fmt.Errorf("fileinto: invalid mailbox name %q: not UTF-8", a.Mailbox)
		}
		return st.store(Store{Mailbox: a.Mailbox, Flags: a.Flags, Create: st.create, Pos: st.pos}, a.Copy)
	case interp.ActionRedirect:
		return st.redirect(a)
	case interp.ActionReject:
		return st.addReject(Reject{Reason: a.Reason, Pos: st.pos})
	case interp.ActionEReject:
		return st.addReject(Reject{Reason: a.Reason, Extended: true, Pos: st.pos})
	case interp.ActionDiscard:
		st.cancelKeep = true
		return st.add(Discard{Pos: st.pos})
	}
	return fmt.Errorf("unexpected action %T", a)
}

// store records keep or fileinto. As in Pigeonhole, a second store into
// the same mailbox only replaces the flags: it does not cancel the
// implicit keep even without :copy.
func (st *runState) store(s Store, copied bool) error {
	st.noteDeliver()
	key := storeKey(s.Mailbox)
	if !st.stored[key] {
		st.stored[key] = true
		st.cancelKeep = st.cancelKeep || !copied
	}
	return st.add(s)
}

func storeKey(mailbox string) string {
	if strings.EqualFold(mailbox, "INBOX") {
		return "INBOX"
	}
	return mailbox
}

func (st *runState) noteDeliver() {
	if !st.hasDeliver {
		st.hasDeliver, st.deliver = true, st.pos
	}
}

// redirect records a redirect to the address, parsed and normalised as in
// Pigeonhole (display name and comments dropped, domain lower-cased); an
// address invalid after variable expansion is a run-time error.
func (st *runState) redirect(a interp.ActionRedirect) error {
	addr, err := parseMailbox(a.Address)
	if err != nil {
		return fmt.Errorf("specified redirect address %q is invalid: %w", a.Address, err)
	}
	key := addr.String() // the local part is case-sensitive, the domain is lower case
	if !st.redirects[key] && len(st.redirects) >= st.s.limits.MaxRedirects {
		return fmt.Errorf("too many redirect actions (limit %d)", st.s.limits.MaxRedirects)
	}
	st.noteDeliver()
	if st.redirects[key] { // a duplicate changes nothing, as in Pigeonhole
		return st.checkConflicts()
	}
	st.cancelKeep = st.cancelKeep || !a.Copy
	st.redirects[key] = true
	return st.add(Redirect{To: key, Copy: a.Copy, Pos: st.pos})
}

func (st *runState) addReject(r Reject) error {
	if st.reject {
		return errors.New("duplicate reject action not allowed")
	}
	st.reject = true
	st.cancelKeep = true
	return st.add(r)
}

// add records an action, enforcing the action limit and the conflicts of
// RFC 5429 section 2.1 and RFC 5230 section 4.7.
func (st *runState) add(a Action) error {
	st.count++
	if st.count > st.s.limits.MaxActions {
		return fmt.Errorf("too many actions (limit %d)", st.s.limits.MaxActions)
	}
	st.actions = append(st.actions, a)
	return st.checkConflicts()
}

func (st *runState) checkConflicts() error {
	if !st.reject {
		return nil
	}
	if st.hasDeliver {
		return fmt.Errorf("reject action conflicts with keep, fileinto or redirect at %s", st.deliver)
	}
	if st.vacation {
		return errors.New("reject action conflicts with vacation action")
	}
	return nil
}

// result merges duplicates (the last explicit store into a mailbox gives
// the flags), adds the implicit keep (which leaves an explicit store into
// INBOX as it is) and canonicalises flags.
func (st *runState) result(d *interp.RuntimeData) Result {
	res := Result{ImplicitKeep: !st.cancelKeep}
	stores := map[string]int{}
	for _, a := range st.actions {
		s, ok := a.(Store)
		if !ok {
			res.Actions = append(res.Actions, a)
			continue
		}
		s.Flags = canonFlags(s.Flags)
		if i, dup := stores[storeKey(s.Mailbox)]; dup {
			prev := res.Actions[i].(Store)
			prev.Flags, prev.Create, prev.Keep = s.Flags, prev.Create || s.Create, prev.Keep && s.Keep
			if s.Keep { // keep merged with fileinto "inbox" shows as INBOX, as in Pigeonhole
				prev.Mailbox = s.Mailbox
			}
			res.Actions[i] = prev
			continue
		}
		stores[storeKey(s.Mailbox)] = len(res.Actions)
		res.Actions = append(res.Actions, s)
	}
	if _, inbox := stores["INBOX"]; res.ImplicitKeep && !inbox {
		res.Actions = append(res.Actions, Store{Mailbox: "INBOX", Flags: canonFlags(d.Flags), Keep: true})
	}
	return res
}

var systemFlags = map[string]string{
	`\seen`: `\Seen`, `\answered`: `\Answered`, `\flagged`: `\Flagged`,
	`\deleted`: `\Deleted`, `\draft`: `\Draft`,
}

// canonFlags writes system flags canonically, drops invalid flags (other
// system flags, keywords that are not IMAP atoms) and duplicates whatever
// their case (the first spelling wins), and sorts by code point.
func canonFlags(flags []string) []string {
	var out []string
	seen := map[string]bool{}
	for _, group := range flags {
		for _, f := range strings.Fields(group) {
			low := strings.ToLower(f)
			if c, ok := systemFlags[low]; ok {
				f = c
			} else if !validKeyword(f) {
				continue
			}
			if !seen[low] {
				seen[low] = true
				out = append(out, f)
			}
		}
	}
	sort.Strings(out)
	return out
}

// validKeyword reports whether f is an IMAP keyword: an atom (RFC 3501
// section 9) not starting with a backslash.
func validKeyword(f string) bool {
	for i := 0; i < len(f); i++ {
		c := f[i]
		if c <= ' ' || c >= 0x7f || strings.IndexByte(`(){%*"\]`, c) >= 0 {
			return false
		}
	}
	return f != ""
}
