package filter

import (
	"context"
	"errors"

	"github.com/foxcpp/go-sieve/interp"
)

// errReturn ends the current script file (RFC 6609 return).
var errReturn = errors.New("return")

// ifChain is if, any elsif and an optional else.
type ifChain struct {
	conds  []interp.Test
	traces []traceTest // one per cond
	blocks [][]interp.Cmd
	els    []interp.Cmd
}

// Execute implements interp.Cmd.
func (n *ifChain) Execute(ctx context.Context, d *interp.RuntimeData) error {
	st := stateOf(ctx)
	for i, t := range n.conds {
		ok, err := t.Check(ctx, d)
		if err != nil {
			return err
		}
		st.traceTest(n.traces[i], ok)
		if ok {
			return runBlock(ctx, d, n.blocks[i])
		}
	}
	return runBlock(ctx, d, n.els)
}

// controlCmd is stop or return.
type controlCmd struct{ ret bool }

// Execute implements interp.Cmd.
func (c controlCmd) Execute(context.Context, *interp.RuntimeData) error {
	if c.ret {
		return errReturn
	}
	return interp.ErrStop
}

// leafCmd runs a command go-sieve loaded, recording its position and
// undoing go-sieve's bookkeeping that would change the result.
type leafCmd struct {
	pos    Pos
	kind   string
	create bool
	inner  interp.Cmd
}

// Execute implements interp.Cmd.
func (c *leafCmd) Execute(ctx context.Context, d *interp.RuntimeData) error {
	st := stateOf(ctx)
	st.pos, st.create = c.pos, c.create
	defer func() { st.create = false }()
	st.traceCommand(c.pos, c.kind)
	switch c.kind {
	case "fileinto":
		d.Mailboxes = nil // go-sieve skips a second fileinto to the same mailbox
	case "redirect":
		d.RedirectAddr = nil // Run enforces the redirect limit itself
	case "discard":
		flags := d.Flags // go-sieve's discard clears the internal flags
		defer func() { d.Flags = flags }()
	case "setflag", "addflag", "removeflag":
		return flagCmd(ctx, d, c.inner)
	}
	return c.inner.Execute(ctx, d)
}

// viewTest runs a go-sieve test against a different view of the message.
type viewTest struct {
	inner interp.Test
	view  func(interp.Message, *indexSel) interp.Message
	idx   *indexSel
}

// Check implements interp.Test.
func (t viewTest) Check(ctx context.Context, d *interp.RuntimeData) (bool, error) {
	orig := d.Msg
	d.Msg = t.view(orig, t.idx)
	defer func() { d.Msg = orig }()
	return t.inner.Check(ctx, d)
}
