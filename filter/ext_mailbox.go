package filter

import (
	"context"
	"strings"

	"github.com/foxcpp/go-sieve/interp"
	"github.com/foxcpp/go-sieve/parser"
)

// mailboxExistsTest is "mailboxexists <mailbox-names>" (RFC 5490 section
// 3.1): true when every named mailbox exists.
type mailboxExistsTest struct {
	names []string
}

func (c *compiler) mailboxExists(u *unit, t parser.Test) (interp.Test, error) {
	if !u.has("mailbox") {
		return nil, scriptErr(u.file, t.Position, "mailboxexists requires the mailbox extension")
	}
	mt := &mailboxExistsTest{}
	err := interp.LoadSpec(u.base, &interp.Spec{
		Pos: []interp.SpecPosArg{{MinStrCount: 1, MatchStr: func(s []string) { mt.names = s }}},
	}, t.Position, cloneArgs(t.Args), t.Tests, nil)
	if err != nil {
		return nil, mapError(u.file, t.Position, err)
	}
	return mt, nil
}

// Check implements interp.Test.
func (t *mailboxExistsTest) Check(ctx context.Context, d *interp.RuntimeData) (bool, error) {
	exists := stateOf(ctx).in.Mailboxes
	for _, n := range t.names {
		n = expand(d, n)
		if strings.EqualFold(n, "INBOX") { // INBOX always exists, in any case
			continue
		}
		if exists == nil || !exists(n) {
			return false, nil
		}
	}
	return true, nil
}
