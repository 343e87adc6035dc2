package filter

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/foxcpp/go-sieve/interp"
	"github.com/foxcpp/go-sieve/parser"
)

// goSieveCommands are loaded by go-sieve and wrapped by leafCmd.
var goSieveCommands = map[string]bool{
	"keep": true, "discard": true, "redirect": true, "reject": true, "ereject": true,
	"fileinto": true, "setflag": true, "addflag": true, "removeflag": true, "set": true,
}

// valueTags are tags (of any command or test) followed by a value.
var valueTags = map[string]bool{
	"comparator": true, "value": true, "count": true, "flags": true, "content": true,
	"days": true, "seconds": true, "subject": true, "from": true, "addresses": true,
	"handle": true, "zone": true, "index": true, "header": true, "uniqueid": true,
	"param": true,
}

// block builds a list of commands, checking if/elsif/else placement.
func (c *compiler) block(u *unit, cmds []parser.Cmd) ([]interp.Cmd, error) {
	out := make([]interp.Cmd, 0, len(cmds))
	var chain *ifChain
	decided := false // an earlier branch of chain is constantly true
	for _, pc := range cmds {
		switch name := strings.ToLower(pc.Id); name {
		case "if", "elsif", "else":
			if name != "if" && (chain == nil || chain.els != nil) {
				return nil, scriptErr(u.file, pc.Position, name+" without a preceding if or elsif")
			}
			if name == "if" {
				chain, decided = &ifChain{}, false
				out = append(out, chain)
			}
			always, err := c.branch(u, chain, pc, decided)
			if err != nil {
				return nil, err
			}
			decided = decided || always
		default:
			chain = nil
			cmd, err := c.command(u, pc)
			if err != nil {
				return nil, err
			}
			out = append(out, cmd)
		}
	}
	return out, nil
}

// branch adds an if, elsif or else to chain; always reports a test that
// is constantly true. As Pigeonhole does, a branch that can never run
// (dead: an earlier branch is constantly true, or its test is constantly
// false) is checked for its own shape only: its test and block are
// neither validated nor compiled.
func (c *compiler) branch(u *unit, chain *ifChain, pc parser.Cmd, dead bool) (always bool, err error) {
	name := strings.ToLower(pc.Id)
	isElse := name == "else"
	wantTests := 1
	if isElse {
		wantTests = 0
	}
	if len(pc.Args) != 0 || len(pc.Tests) != wantTests {
		return false, scriptErr(u.file, pc.Position, fmt.Sprintf("%s takes %d test(s) and no arguments", name, wantTests))
	}
	if u.testLists[pc.Position] {
		return false, scriptErr(u.file, pc.Position, name+" takes one test, not a test list")
	}
	if pc.Block == nil {
		return false, scriptErr(u.file, pc.Position, name+" needs a block")
	}
	var t interp.Test = interp.FalseTest{}
	if !isElse && !dead {
		var k constness
		if t, k, err = c.test(u, pc.Tests[0]); err != nil {
			return false, err
		}
		dead, always = k == constFalse, k == constTrue
	}
	body := []interp.Cmd{}
	if !dead {
		if body, err = c.block(u, pc.Block); err != nil {
			return false, err
		}
	}
	if isElse {
		chain.els = body
		return false, nil
	}
	chain.conds = append(chain.conds, t)
	chain.traces = append(chain.traces, traceTest{pos: c.pos(u, pc.Tests[0].Position), src: pc.Tests[0]})
	chain.blocks = append(chain.blocks, body)
	return always, nil
}

func (c *compiler) command(u *unit, pc parser.Cmd) (interp.Cmd, error) {
	name := strings.ToLower(pc.Id)
	pos := c.pos(u, pc.Position)
	if err := c.decodeArgs(u, pc.Args); err != nil {
		return nil, err
	}
	if err := checkArgs(u.file, pc.Position, pc.Args); err != nil {
		return nil, err
	}
	if err := checkArgTypes(u.file, pc.Position, name, pc.Args); err != nil {
		return nil, err
	}
	if err := checkFlagVariable(u, pc.Position, name, pc.Args); err != nil {
		return nil, err
	}
	switch {
	case name == "stop" || name == "return":
		if name == "return" && !u.has("include") {
			return nil, scriptErr(u.file, pc.Position, "return requires the include extension")
		}
		if len(pc.Args) != 0 || len(pc.Tests) != 0 || pc.Block != nil {
			return nil, scriptErr(u.file, pc.Position, name+" takes no arguments")
		}
		return controlCmd{ret: name == "return"}, nil
	case goSieveCommands[name]:
		return c.leaf(u, pc, pos)
	case name == "vacation":
		return c.vacation(u, pc, pos)
	case name == "include":
		return c.include(u, pc)
	case name == "global":
		return c.global(u, pc)
	case name == "error":
		return c.errorCmd(u, pc, pos)
	}
	return nil, scriptErr(u.file, pc.Position, fmt.Sprintf("unknown command '%s'", pc.Id))
}

// leaf loads a command go-sieve implements, after the checks it lacks.
func (c *compiler) leaf(u *unit, pc parser.Cmd, pos Pos) (interp.Cmd, error) {
	name := strings.ToLower(pc.Id)
	if name == "ereject" && !u.has("ereject") {
		return nil, scriptErr(u.file, pc.Position, "ereject requires the ereject extension")
	}
	if pc.Block != nil || len(pc.Tests) != 0 {
		return nil, scriptErr(u.file, pc.Position, name+" takes no test and no block")
	}
	leaf := &leafCmd{pos: pos, kind: name}
	args, create := removeTag(pc.Args, "create")
	if create {
		if name != "fileinto" || !u.has("mailbox") {
			return nil, scriptErr(u.file, pc.Position, ":create requires fileinto and the mailbox extension")
		}
		leaf.create = true
	}
	pc.Args = args
	if err := c.checkLeafArgs(u, pc, name); err != nil {
		return nil, err
	}
	inner, err := interp.LoadCmd(u.base, pc)
	if err == nil {
		inner, err = asciiCaseSet(u.base, pc, inner)
	}
	if err != nil {
		return nil, mapError(u.file, pc.Position, err)
	}
	leaf.inner = inner
	return leaf, nil
}

func (c *compiler) checkLeafArgs(u *unit, pc parser.Cmd, name string) error {
	switch name {
	case "redirect":
		for _, a := range pc.Args {
			if s, ok := a.(parser.StringArg); ok && !hasVariable(u, s.Value) && !validRedirect(s.Value) {
				return scriptErr(u.file, pc.Position, fmt.Sprintf("invalid redirect address %q", s.Value))
			}
		}
	case "fileinto":
		for _, a := range pc.Args {
			if s, ok := a.(parser.StringArg); ok && !utf8.ValidString(s.Value) {
				return scriptErr(u.file, pc.Position, "fileinto: mailbox name is not valid UTF-8")
			}
		}
	case "set":
		if len(pc.Args) >= 2 {
			if s, ok := pc.Args[len(pc.Args)-2].(parser.StringArg); ok {
				c.noteVariable(u, s.Value)
			}
		}
	}
	if u.varCount > c.limits.MaxVariables {
		return scriptErr(u.file, pc.Position, fmt.Sprintf("too many variables (limit %d)", c.limits.MaxVariables))
	}
	return nil
}

func (c *compiler) noteVariable(u *unit, name string) {
	if u.varNames == nil {
		u.varNames = map[string]bool{}
	}
	name = strings.ToLower(name)
	if !u.varNames[name] {
		u.varNames[name] = true
		u.varCount++
	}
}

func (c *compiler) pos(u *unit, p interface{ LineCol() (int, int) }) Pos {
	line, col := p.LineCol()
	return Pos{File: u.file, Line: line, Column: col}
}
