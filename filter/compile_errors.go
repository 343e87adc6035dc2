package filter

import (
	"bytes"
	"errors"
	"io"
	"regexp"
	"strconv"
	"strings"

	"github.com/foxcpp/go-sieve/lexer"
)

// positioned matches the "line:col: " go-sieve puts in its errors.
var positioned = regexp.MustCompile(`(?:^|: )(\d+):(\d+): `)

// goSievePrefixes are wrapping prefixes of go-sieve errors that say nothing
// to a script author.
var goSievePrefixes = regexp.MustCompile(`(?i)\b(LoadCmd|LoadTest) [^:]*: |LoadSpec: |LoadBlock: |loadRequire: |loadSizeTest: |reading (command|arguments|test list|string list): |go-sieve/lexer: `)

func scriptErr(file string, pos lexer.Position, msg string) *ScriptError {
	return &ScriptError{File: file, Line: pos.Line, Column: pos.Col, Msg: msg}
}

// mapError turns a go-sieve error into a *ScriptError, taking the
// position from the message when it has one and fallback otherwise.
func mapError(file string, fallback lexer.Position, err error) *ScriptError {
	var se *ScriptError
	if errors.As(err, &se) {
		return se
	}
	msg := err.Error()
	line, col := fallback.Line, fallback.Col
	if m := positioned.FindStringSubmatchIndex(msg); m != nil {
		line, _ = strconv.Atoi(msg[m[2]:m[3]])
		col, _ = strconv.Atoi(msg[m[4]:m[5]])
		msg = msg[m[1]:]
	}
	if line > 0 && col == 0 {
		col = 1
	}
	msg = goSievePrefixes.ReplaceAllString(msg, "")
	return &ScriptError{File: file, Line: line, Column: col, Msg: strings.TrimSpace(msg)}
}

// lexError maps a lexer error. Most of them carry no position: the line is
// found by lexing ever longer prefixes of the script until the same error
// shows up.
func (c *compiler) lexError(file string, src []byte, err error) *ScriptError {
	if errors.Is(err, io.ErrUnexpectedEOF) {
		return &ScriptError{File: file, Line: lastLine(src), Column: 1, Msg: "unexpected end of script"}
	}
	se := mapError(file, lexer.Position{}, err)
	if se.Line != 0 {
		return se
	}
	end := 0
	for line := 1; end < len(src); line++ {
		next := bytes.IndexByte(src[end:], '\n')
		if next < 0 {
			next = len(src) - end - 1
		}
		end += next + 1
		if _, perr := lexer.Lex(bytes.NewReader(src[:end]), &lexer.Options{}); perr != nil && perr.Error() == err.Error() {
			se.Line, se.Column = line, 1
			break
		}
	}
	return se
}

func lastLine(src []byte) int {
	return bytes.Count(src, []byte{'\n'}) + 1
}
