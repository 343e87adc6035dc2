package filter

import (
	"bytes"
	"context"
	"errors"
	"slices"
	"strings"
	"unicode/utf8"
)

// keepMailbox is where keep stores.
const keepMailbox = "INBOX"

// chainRun accumulates the results of the scripts of one Evaluate call.
type chainRun struct {
	in           Input
	ev           Evaluation
	acts         []Action // actions other than the keep, in order
	keep         *Store   // the final keep, nil when cancelled
	keepImplicit bool     // keep is the last script's implicit keep
	keepFlags    []string // flags of the keeps deferred by earlier scripts
	done         bool     // the chain stops
}

func newChainRun(in Input) *chainRun {
	return &chainRun{in: in, keep: &Store{Mailbox: keepMailbox}, keepImplicit: true}
}

// run runs one script. A keep before the last script only lets the chain
// go on (Pigeonhole's multiscript rule); fileinto "INBOX" does store.
func (c *chainRun) run(ctx context.Context, sc chainScript, last bool) error {
	res, err := sc.script.Run(ctx, c.in)
	var se *ScriptError
	if errors.As(err, &se) {
		c.fail(se)
		return nil
	}
	if err != nil {
		return err
	}
	keepOn, keep := res.ImplicitKeep, Store{Mailbox: keepMailbox}
	for _, a := range res.Actions {
		if s, ok := a.(Store); ok && s.Mailbox == keepMailbox && isKeep(sc, s.Pos) {
			keepOn, keep = true, s
			continue
		}
		c.acts = append(c.acts, a)
	}
	switch {
	case !keepOn:
		c.keep, c.done = nil, true
	case last:
		keep.Flags = unionFlags(c.keepFlags, keep.Flags)
		c.keep, c.keepImplicit = &keep, keep.Pos == (Pos{})
	default:
		c.keepFlags = unionFlags(c.keepFlags, keep.Flags)
	}
	return nil
}

// fail records a failed script: the chain stops and the message is kept
// in INBOX without flags, whatever the earlier scripts did with the keep.
func (c *chainRun) fail(err error) {
	c.ev.Errors = append(c.ev.Errors, err)
	c.keep, c.keepImplicit, c.done = &Store{Mailbox: keepMailbox}, false, true
}

// finish merges the actions and applies the built-in spam rule.
func (c *chainRun) finish(spam SpamRule) Evaluation {
	if c.keep != nil && c.keepImplicit && spam.matches(c.in.Message, c.in.Size) {
		c.keep = &Store{Mailbox: spam.Mailbox, Flags: c.keep.Flags, Create: true}
		c.ev.Spam = true
	}
	acts := c.acts
	if c.keep != nil {
		acts = append(acts, *c.keep)
	}
	c.ev.Actions = mergeActions(acts)
	c.ev.ImplicitKeep = c.keep != nil && c.keepImplicit
	return c.ev
}

// mergeActions keeps one Store per mailbox (the last flags, Create if any
// asked), one Redirect per address, the first Vacation, the first Reject and
// one Discard. As in Pigeonhole, a reject in one script does not undo a
// store of an earlier one.
func mergeActions(acts []Action) []Action {
	var out []Action
	stores := map[string]int{}
	seen := map[string]bool{}
	for _, a := range acts {
		var key string
		switch a := a.(type) {
		case Store:
			if i, ok := stores[a.Mailbox]; ok {
				a.Create = a.Create || out[i].(Store).Create
				out[i] = a
				continue
			}
			stores[a.Mailbox] = len(out)
		case Redirect:
			key = "redirect " + strings.ToLower(a.To)
		case Vacation:
			key = "vacation"
		case Reject:
			key = "reject"
		case Discard:
			key = "discard"
		}
		if key != "" && seen[key] {
			continue
		}
		seen[key] = true
		out = append(out, a)
	}
	return out
}

// unionFlags merges two canonical flag lists: duplicates are dropped
// without regard to case (the first spelling stays) and the result is
// sorted by code point; nil when empty. Flags set by an earlier script
// reach the final keep this way (Pigeonhole shares the imap4flags
// variable along the chain; a removeflag in a later script cannot undo
// them here).
func unionFlags(a, b []string) []string {
	var out []string
	for _, f := range append(slices.Clone(a), b...) {
		if !slices.ContainsFunc(out, func(g string) bool { return strings.EqualFold(f, g) }) {
			out = append(out, f)
		}
	}
	slices.Sort(out)
	return out
}

// isKeep tells an explicit keep from fileinto "INBOX" by the command at
// pos in the script source. The implicit keep (zero Pos) and commands in
// included scripts, whose source is not at hand, count as keep.
func isKeep(sc chainScript, pos Pos) bool {
	if pos == (Pos{}) || pos.File != sc.script.Name() {
		return true
	}
	return isKeepAt(sc.src, pos.Line, pos.Column)
}

// isKeepAt reports whether the command at line:col (1-based; the column
// counted in bytes or in characters) of src is keep.
func isKeepAt(src []byte, line, col int) bool {
	for i := 1; i < line; i++ {
		nl := bytes.IndexByte(src, '\n')
		if nl < 0 {
			return true
		}
		src = src[nl+1:]
	}
	if nl := bytes.IndexByte(src, '\n'); nl >= 0 {
		src = src[:nl]
	}
	byRunes := 0
	for i := 1; i < col && byRunes < len(src); i++ {
		_, n := utf8.DecodeRune(src[byRunes:])
		byRunes += n
	}
	for _, off := range []int{col - 1, byRunes} {
		if off >= 0 && off <= len(src) && isKeepWord(src[off:]) {
			return true
		}
	}
	return false
}

func isKeepWord(b []byte) bool {
	if len(b) < 4 || !strings.EqualFold(string(b[:4]), "keep") {
		return false
	}
	if len(b) == 4 {
		return true
	}
	c := b[4]
	return !(c == '_' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z')
}
