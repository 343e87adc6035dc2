package filter

import (
	"context"
	"errors"
	"strings"
)

// keepMailbox is where keep stores.
const keepMailbox = "INBOX"

// chainRun accumulates the results of the scripts of one Evaluate call.
type chainRun struct {
	in           Input // its Flags carry the imap4flags variable along the chain
	ev           Evaluation
	acts         []Action // actions other than the keep, in order
	keep         *Store   // the final keep, nil when cancelled
	keepImplicit bool     // keep is the last script's implicit keep
	done         bool     // the chain stops
}

func newChainRun(in Input) *chainRun {
	return &chainRun{in: in, keep: &Store{Mailbox: keepMailbox, Keep: true}, keepImplicit: true}
}

// run runs one script. A keep before the last script only lets the chain
// go on (Pigeonhole's multiscript rule), its flags are dropped; fileinto
// "INBOX" does store. The imap4flags variable goes on to the next script.
func (c *chainRun) run(ctx context.Context, sc chainScript, last bool) error {
	res, end, err := sc.script.run(ctx, c.in)
	var se *ScriptError
	if errors.As(err, &se) {
		c.fail(se)
		return nil
	}
	if err != nil {
		return err
	}
	c.in.Flags = end.flags
	var keep *Store
	for _, a := range res.Actions {
		if s, ok := a.(Store); ok && s.Keep {
			keep = &s
			continue
		}
		c.acts = append(c.acts, a)
	}
	switch {
	case !res.ImplicitKeep && !end.kept:
		c.keep, c.done = nil, true
	case !last: // the deferred keep only lets the chain go on
	case keep != nil:
		c.keep, c.keepImplicit = keep, keep.Pos == (Pos{})
	case res.ImplicitKeep: // beside fileinto :copy "INBOX"
		c.keep, c.keepImplicit = &Store{Mailbox: keepMailbox, Keep: true}, true
	default: // the keep is merged into a fileinto "INBOX", already in acts
		c.keep, c.keepImplicit = nil, false
	}
	return nil
}

// fail records a failed script: the chain stops and the message is kept
// in INBOX without flags, whatever the earlier scripts did with the keep.
func (c *chainRun) fail(err error) {
	c.ev.Errors = append(c.ev.Errors, err)
	c.keep, c.keepImplicit, c.done = &Store{Mailbox: keepMailbox, Keep: true}, false, true
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
