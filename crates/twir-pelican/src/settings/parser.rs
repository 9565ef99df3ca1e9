//! Recursive-descent parser for the statements and expressions of a settings file, with
//! Python's precedence. Nesting is bounded ([`MAX_NESTING`]) so no input overflows the stack.

use super::Fault;
use super::ast::{BinOp, CmpOp, Expr, ExprKind, Literal, Stmt, StmtKind, UnaryOp};
use super::lexer::{FPart, StrLit, Tok, Token};

/// Most nested expressions (brackets, unary operators, conditional expressions).
pub(super) const MAX_NESTING: usize = 64;

/// Python keywords: never names of values.
const KEYWORDS: [&str; 35] = [
    "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue",
    "def", "del", "elif", "else", "except", "finally", "for", "from", "global", "if", "import",
    "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try", "while",
    "with", "yield",
];

/// Compound statements twir skips as a whole (and reports if executed).
const COMPOUND: [(&str, &str); 7] = [
    ("def", "function definitions (`def`)"),
    ("class", "class definitions"),
    ("for", "`for` loops"),
    ("while", "`while` loops"),
    ("with", "`with` statements"),
    ("try", "`try` statements"),
    ("async", "`async` statements"),
];

type PResult<T> = Result<T, Fault>;

/// Parses a whole file.
pub(super) fn parse(tokens: &[Token]) -> PResult<Vec<Stmt>> {
    let mut parser = Parser {
        toks: tokens,
        pos: 0,
        depth: 0,
        setting: None,
    };
    let mut stmts = Vec::new();
    while !matches!(parser.peek(), Tok::Eof) {
        parser.statement(&mut stmts)?;
    }
    Ok(stmts)
}

struct Parser<'t> {
    toks: &'t [Token],
    pos: usize,
    depth: usize,
    /// The setting the statement being parsed assigns (named in errors).
    setting: Option<String>,
}

impl Parser<'_> {
    fn token(&self) -> Option<&Token> {
        self.toks.get(self.pos).or_else(|| self.toks.last())
    }

    fn peek(&self) -> &Tok {
        self.token().map_or(&Tok::Eof, |t| &t.tok)
    }

    fn peek_at(&self, n: usize) -> &Tok {
        self.toks.get(self.pos + n).map_or(&Tok::Eof, |t| &t.tok)
    }

    fn line(&self) -> usize {
        self.token().map_or(1, |t| t.line)
    }

    /// Moves past the current token (never past the final `Eof`/`Error`).
    fn bump(&mut self) {
        if !matches!(self.peek(), Tok::Eof | Tok::Error(_)) {
            self.pos += 1;
        }
    }

    fn is_op(&self, op: &str) -> bool {
        matches!(self.peek(), Tok::Op(o) if *o == op)
    }

    fn is_keyword(&self, word: &str) -> bool {
        matches!(self.peek(), Tok::Name(n) if n == word)
    }

    fn eat_op(&mut self, op: &str) -> bool {
        let found = self.is_op(op);
        if found {
            self.bump();
        }
        found
    }

    fn eat_keyword(&mut self, word: &str) -> bool {
        let found = self.is_keyword(word);
        if found {
            self.bump();
        }
        found
    }

    fn fault(&self, line: usize, reason: impl Into<String>) -> Fault {
        Fault {
            line,
            reason: reason.into(),
            settings: self.setting.iter().cloned().collect(),
        }
    }

    /// The error for the current token: the lexer's own reason when it stopped here.
    fn unexpected(&self, expected: &str) -> Fault {
        let found = match self.peek() {
            Tok::Error(reason) => return self.fault(self.line(), reason.clone()),
            Tok::Name(n) => format!("`{n}`"),
            Tok::Int(_) | Tok::Float(_) => "a number".into(),
            Tok::Str(_) => "a string".into(),
            Tok::Op(":=") => {
                return self.fault(
                    self.line(),
                    "assignment expressions (`:=`) are not supported",
                );
            }
            Tok::Op(o) => format!("`{o}`"),
            Tok::Newline => "the end of the line".into(),
            Tok::Indent => "an indented block".into(),
            Tok::Dedent => "the end of the block".into(),
            Tok::Eof => "the end of the file".into(),
        };
        self.fault(
            self.line(),
            format!("invalid syntax: expected {expected}, found {found}"),
        )
    }

    fn expect_op(&mut self, op: &str) -> PResult<()> {
        if self.eat_op(op) {
            Ok(())
        } else {
            Err(self.unexpected(&format!("`{op}`")))
        }
    }

    fn expect_newline(&mut self) -> PResult<()> {
        if matches!(self.peek(), Tok::Newline) {
            self.bump();
            Ok(())
        } else {
            Err(self.unexpected("the end of the statement"))
        }
    }

    fn unsupported(&self, line: usize, what: &str) -> Fault {
        self.fault(line, format!("{what} are not supported"))
    }

    /// Counts one level of nesting; [`Parser::leave`] undoes it.
    fn enter(&mut self) -> PResult<()> {
        if self.depth >= MAX_NESTING {
            return Err(self.fault(
                self.line(),
                format!("expression nested more than {MAX_NESTING} levels deep"),
            ));
        }
        self.depth += 1;
        Ok(())
    }

    fn leave(&mut self) {
        self.depth = self.depth.saturating_sub(1);
    }

    // ---- statements ----

    fn statement(&mut self, out: &mut Vec<Stmt>) -> PResult<()> {
        self.setting = None;
        let line = self.line();
        if let Tok::Name(word) = self.peek() {
            if word == "if" {
                out.push(self.if_statement()?);
                return Ok(());
            }
            if let Some((_, what)) = COMPOUND.iter().find(|(k, _)| k == word) {
                let what = (*what).to_string();
                self.skip_compound()?;
                out.push(Stmt {
                    line,
                    kind: StmtKind::Unsupported {
                        what,
                        setting: None,
                    },
                });
                return Ok(());
            }
            if word == "elif" || word == "else" {
                return Err(self.unexpected("a statement"));
            }
        }
        if matches!(self.peek(), Tok::Indent) {
            return Err(self.fault(line, "unexpected indent"));
        }
        if self.is_op("@") {
            self.skip_to_line_end();
            self.expect_newline()?;
            out.push(Stmt {
                line,
                kind: StmtKind::Unsupported {
                    what: "decorators".into(),
                    setting: None,
                },
            });
            return Ok(());
        }
        self.simple_line(out)
    }

    /// Simple statements separated by `;`, up to the end of the line.
    fn simple_line(&mut self, out: &mut Vec<Stmt>) -> PResult<()> {
        loop {
            self.setting = None;
            out.push(self.simple_statement()?);
            if !self.eat_op(";") || matches!(self.peek(), Tok::Newline) {
                break;
            }
        }
        self.expect_newline()
    }

    fn simple_statement(&mut self) -> PResult<Stmt> {
        let line = self.line();
        let kind = match self.peek() {
            Tok::Name(w) if w == "pass" => {
                self.bump();
                StmtKind::Nothing
            }
            Tok::Name(w) if w == "import" => self.import()?,
            Tok::Name(w) if w == "from" => self.import_from()?,
            Tok::Name(w)
                if matches!(
                    w.as_str(),
                    "del"
                        | "global"
                        | "nonlocal"
                        | "assert"
                        | "raise"
                        | "return"
                        | "yield"
                        | "break"
                        | "continue"
                ) =>
            {
                let what = format!("`{w}` statements");
                self.skip_to_line_end();
                StmtKind::Unsupported {
                    what,
                    setting: None,
                }
            }
            _ => self.expression_statement()?,
        };
        Ok(Stmt { line, kind })
    }

    /// Skips the rest of a simple statement (to `;` or the end of the line).
    fn skip_to_line_end(&mut self) {
        while !matches!(self.peek(), Tok::Newline | Tok::Eof | Tok::Error(_)) && !self.is_op(";") {
            self.bump();
        }
    }

    fn dotted_name(&mut self) -> PResult<String> {
        let mut name = self.identifier()?;
        while self.eat_op(".") {
            name.push('.');
            name.push_str(&self.identifier()?);
        }
        Ok(name)
    }

    fn identifier(&mut self) -> PResult<String> {
        match self.peek() {
            Tok::Name(n) if !KEYWORDS.contains(&n.as_str()) => {
                let n = n.clone();
                self.bump();
                Ok(n)
            }
            _ => Err(self.unexpected("a name")),
        }
    }

    /// `import os` and `import os.path` bind `os`; any other module is not evaluated.
    fn import(&mut self) -> PResult<StmtKind> {
        self.bump();
        let mut modules = Vec::new();
        loop {
            let module = self.dotted_name()?;
            let alias = if self.eat_keyword("as") {
                Some(self.identifier()?)
            } else {
                None
            };
            modules.push((module, alias));
            if !self.eat_op(",") {
                break;
            }
        }
        if let [(module, None)] = modules.as_slice()
            && (module == "os" || module == "os.path")
        {
            return Ok(StmtKind::ImportOs { name: "os".into() });
        }
        if let [(module, Some(alias))] = modules.as_slice()
            && module == "os"
        {
            return Ok(StmtKind::ImportOs {
                name: alias.clone(),
            });
        }
        let names: Vec<&str> = modules.iter().map(|(m, _)| m.as_str()).collect();
        Ok(StmtKind::Unsupported {
            what: format!(
                "imports of modules other than `os` (`import {}`)",
                names.join(", ")
            ),
            setting: None,
        })
    }

    /// `from __future__ import ...` has no effect; other `from` imports are not evaluated.
    fn import_from(&mut self) -> PResult<StmtKind> {
        self.bump();
        while self.eat_op(".") || self.eat_op("...") {}
        let module = if self.is_keyword("import") {
            String::new()
        } else {
            self.dotted_name()?
        };
        if !self.eat_keyword("import") {
            return Err(self.unexpected("`import`"));
        }
        if self.eat_op("*") {
        } else {
            let parenthesized = self.eat_op("(");
            loop {
                self.identifier()?;
                if self.eat_keyword("as") {
                    self.identifier()?;
                }
                if !self.eat_op(",") {
                    break;
                }
                if parenthesized && self.is_op(")") {
                    break;
                }
            }
            if parenthesized {
                self.expect_op(")")?;
            }
        }
        if module == "__future__" {
            return Ok(StmtKind::Nothing);
        }
        Ok(StmtKind::Unsupported {
            what: format!("imports from modules other than `__future__` (`from {module} import`)"),
            setting: None,
        })
    }

    fn expression_statement(&mut self) -> PResult<StmtKind> {
        if let (Tok::Name(name), Tok::Op(op)) = (self.peek(), self.peek_at(1))
            && (op.ends_with('=') && *op != "==" || *op == ":")
        {
            self.setting = Some(name.clone());
        }
        let first = self.testlist()?;
        if self.is_op(":") {
            // An annotation: `X: T` or `X: T = value`. The annotation is not evaluated.
            self.bump();
            self.test()?;
            if !self.eat_op("=") {
                return Ok(StmtKind::Nothing);
            }
            let value = self.testlist()?;
            return self.assignment(vec![first], value);
        }
        if self.is_op("=") {
            let mut exprs = vec![first];
            while self.eat_op("=") {
                if self.is_keyword("yield") {
                    return Err(self.unsupported(self.line(), "`yield` expressions"));
                }
                exprs.push(self.testlist()?);
            }
            let value = exprs.pop().unwrap_or(Expr {
                line: self.line(),
                kind: ExprKind::Literal(Literal::None),
            });
            return self.assignment(exprs, value);
        }
        if let Tok::Op(op) = *self.peek()
            && op.len() >= 2
            && op.ends_with('=')
            && !matches!(op, "==" | "!=" | "<=" | ">=")
        {
            self.bump();
            let value = self.testlist()?;
            let bin = match op {
                "+=" => BinOp::Add,
                "-=" => BinOp::Sub,
                "*=" => BinOp::Mul,
                other => BinOp::Other(other.trim_end_matches('=')),
            };
            return Ok(match first.kind {
                ExprKind::Name(target) => StmtKind::AugAssign {
                    target,
                    op: bin,
                    value,
                },
                ExprKind::Attribute(..) | ExprKind::Subscript(..) => StmtKind::Unsupported {
                    what: "assignments to attributes or items".into(),
                    setting: root_name(&first),
                },
                _ => {
                    return Err(self.fault(
                        first.line,
                        "invalid syntax: cannot assign to this expression",
                    ));
                }
            });
        }
        Ok(StmtKind::Expr(first))
    }

    fn assignment(&mut self, targets: Vec<Expr>, value: Expr) -> PResult<StmtKind> {
        let mut names = Vec::new();
        let mut unsupported = None;
        for target in targets {
            match target.kind {
                ExprKind::Name(name) => names.push(name),
                ExprKind::Attribute(..)
                | ExprKind::Subscript(..)
                | ExprKind::Tuple(_)
                | ExprKind::List(_) => {
                    let what = if matches!(target.kind, ExprKind::Tuple(_) | ExprKind::List(_)) {
                        "assignments to several names at once"
                    } else {
                        "assignments to attributes or items"
                    };
                    unsupported.get_or_insert((what, root_name(&target)));
                }
                _ => {
                    return Err(self.fault(
                        target.line,
                        "invalid syntax: cannot assign to this expression",
                    ));
                }
            }
        }
        if let Some((what, setting)) = unsupported {
            return Ok(StmtKind::Unsupported {
                what: what.into(),
                setting,
            });
        }
        Ok(StmtKind::Assign {
            targets: names,
            value,
        })
    }

    fn if_statement(&mut self) -> PResult<Stmt> {
        let line = self.line();
        self.bump();
        let mut branches = Vec::new();
        let cond = self.test()?;
        self.expect_op(":")?;
        branches.push((cond, self.suite()?));
        let mut otherwise = Vec::new();
        loop {
            self.setting = None;
            if self.eat_keyword("elif") {
                let cond = self.test()?;
                self.expect_op(":")?;
                branches.push((cond, self.suite()?));
            } else if self.eat_keyword("else") {
                self.expect_op(":")?;
                otherwise = self.suite()?;
                break;
            } else {
                break;
            }
        }
        Ok(Stmt {
            line,
            kind: StmtKind::If {
                branches,
                otherwise,
            },
        })
    }

    /// The block after a `:`: an indented block, or simple statements on the same line.
    fn suite(&mut self) -> PResult<Vec<Stmt>> {
        let mut stmts = Vec::new();
        if !matches!(self.peek(), Tok::Newline) {
            self.simple_line(&mut stmts)?;
            return Ok(stmts);
        }
        self.bump();
        if !matches!(self.peek(), Tok::Indent) {
            if matches!(self.peek(), Tok::Error(_)) {
                return Err(self.unexpected("an indented block"));
            }
            return Err(self.fault(self.line(), "expected an indented block"));
        }
        self.bump();
        while !matches!(self.peek(), Tok::Dedent | Tok::Eof) {
            self.statement(&mut stmts)?;
        }
        if matches!(self.peek(), Tok::Dedent) {
            self.bump();
        }
        Ok(stmts)
    }

    /// Skips a compound statement twir does not run: its header, its block, and the
    /// clauses that continue it (`else`, `elif`, `except`, `finally`).
    fn skip_compound(&mut self) -> PResult<()> {
        loop {
            self.bump();
            let mut depth = 0usize;
            loop {
                match self.peek() {
                    Tok::Op("(" | "[" | "{") => depth += 1,
                    Tok::Op(")" | "]" | "}") => depth = depth.saturating_sub(1),
                    Tok::Op(":") if depth == 0 => break,
                    Tok::Newline | Tok::Eof | Tok::Error(_) => {
                        return Err(self.unexpected("`:`"));
                    }
                    _ => {}
                }
                self.bump();
            }
            self.bump();
            self.skip_suite()?;
            let continues = matches!(self.peek(), Tok::Name(w)
                if matches!(w.as_str(), "else" | "elif" | "except" | "finally"));
            if !continues {
                return Ok(());
            }
        }
    }

    fn skip_suite(&mut self) -> PResult<()> {
        if !matches!(self.peek(), Tok::Newline) {
            while !matches!(self.peek(), Tok::Newline | Tok::Eof | Tok::Error(_)) {
                self.bump();
            }
            return self.expect_newline();
        }
        self.bump();
        if !matches!(self.peek(), Tok::Indent) {
            return Err(self.unexpected("an indented block"));
        }
        self.bump();
        let mut depth = 1usize;
        while depth > 0 {
            match self.peek() {
                Tok::Indent => depth += 1,
                Tok::Dedent => depth -= 1,
                Tok::Eof | Tok::Error(_) => return Err(self.unexpected("the end of the block")),
                _ => {}
            }
            self.bump();
        }
        Ok(())
    }

    // ---- expressions ----

    /// Expressions separated by commas: a tuple when there is a comma.
    fn testlist(&mut self) -> PResult<Expr> {
        let line = self.line();
        let first = self.test_or_star()?;
        if !self.is_op(",") {
            return Ok(first);
        }
        let mut items = vec![first];
        while self.eat_op(",") {
            if self.starts_expression() {
                items.push(self.test_or_star()?);
            } else {
                break;
            }
        }
        Ok(Expr {
            line,
            kind: ExprKind::Tuple(items),
        })
    }

    fn test_or_star(&mut self) -> PResult<Expr> {
        if self.is_op("*") {
            return Err(self.unsupported(self.line(), "starred expressions (`*x`)"));
        }
        self.test()
    }

    /// Whether the current token can start an expression (after a trailing comma).
    fn starts_expression(&self) -> bool {
        match self.peek() {
            Tok::Name(n) => {
                !KEYWORDS.contains(&n.as_str())
                    || matches!(
                        n.as_str(),
                        "True" | "False" | "None" | "not" | "lambda" | "await"
                    )
            }
            Tok::Int(_) | Tok::Float(_) | Tok::Str(_) | Tok::Error(_) => true,
            Tok::Op(o) => matches!(*o, "(" | "[" | "{" | "-" | "+" | "~" | "*" | "..."),
            _ => false,
        }
    }

    /// A full expression: `a if c else b`, or an `or` expression.
    fn test(&mut self) -> PResult<Expr> {
        self.enter()?;
        let result = self.test_inner();
        self.leave();
        result
    }

    fn test_inner(&mut self) -> PResult<Expr> {
        if self.is_keyword("lambda") {
            return Err(self.unsupported(self.line(), "`lambda` expressions"));
        }
        let then = self.or_test()?;
        if !self.eat_keyword("if") {
            return Ok(then);
        }
        let cond = self.or_test()?;
        if !self.eat_keyword("else") {
            return Err(self.unexpected("`else`"));
        }
        let otherwise = self.test()?;
        Ok(Expr {
            line: then.line,
            kind: ExprKind::IfElse {
                cond: Box::new(cond),
                then: Box::new(then),
                otherwise: Box::new(otherwise),
            },
        })
    }

    fn or_test(&mut self) -> PResult<Expr> {
        let first = self.and_test()?;
        if !self.is_keyword("or") {
            return Ok(first);
        }
        let line = first.line;
        let mut operands = vec![first];
        while self.eat_keyword("or") {
            operands.push(self.and_test()?);
        }
        Ok(Expr {
            line,
            kind: ExprKind::Or(operands),
        })
    }

    fn and_test(&mut self) -> PResult<Expr> {
        let first = self.not_test()?;
        if !self.is_keyword("and") {
            return Ok(first);
        }
        let line = first.line;
        let mut operands = vec![first];
        while self.eat_keyword("and") {
            operands.push(self.not_test()?);
        }
        Ok(Expr {
            line,
            kind: ExprKind::And(operands),
        })
    }

    fn not_test(&mut self) -> PResult<Expr> {
        let line = self.line();
        if !self.eat_keyword("not") {
            return self.comparison();
        }
        self.enter()?;
        let operand = self.not_test();
        self.leave();
        Ok(Expr {
            line,
            kind: ExprKind::Unary(UnaryOp::Not, Box::new(operand?)),
        })
    }

    fn comparison_op(&mut self) -> Option<CmpOp> {
        let op = match self.peek() {
            Tok::Op("==") => CmpOp::Eq,
            Tok::Op("!=") => CmpOp::NotEq,
            Tok::Op("<") => CmpOp::Lt,
            Tok::Op("<=") => CmpOp::LtE,
            Tok::Op(">") => CmpOp::Gt,
            Tok::Op(">=") => CmpOp::GtE,
            Tok::Name(w) if w == "in" => CmpOp::In,
            Tok::Name(w) if w == "not" && matches!(self.peek_at(1), Tok::Name(n) if n == "in") => {
                self.bump();
                CmpOp::NotIn
            }
            Tok::Name(w) if w == "is" => {
                if matches!(self.peek_at(1), Tok::Name(n) if n == "not") {
                    self.bump();
                    CmpOp::IsNot
                } else {
                    CmpOp::Is
                }
            }
            _ => return None,
        };
        self.bump();
        Some(op)
    }

    fn comparison(&mut self) -> PResult<Expr> {
        let first = self.binary(0)?;
        let mut rest = Vec::new();
        while let Some(op) = self.comparison_op() {
            rest.push((op, self.binary(0)?));
        }
        if rest.is_empty() {
            return Ok(first);
        }
        Ok(Expr {
            line: first.line,
            kind: ExprKind::Compare(Box::new(first), rest),
        })
    }

    /// Binary operators by precedence level (loosest first): `|`, `^`, `&`, shifts,
    /// `+ -`, `* / // % @`; then unary operators and `**`.
    fn binary(&mut self, level: usize) -> PResult<Expr> {
        const LEVELS: [&[&str]; 6] = [
            &["|"],
            &["^"],
            &["&"],
            &["<<", ">>"],
            &["+", "-"],
            &["*", "/", "//", "%", "@"],
        ];
        let Some(ops) = LEVELS.get(level) else {
            return self.unary();
        };
        let first = self.binary(level + 1)?;
        let mut rest = Vec::new();
        while let Tok::Op(op) = *self.peek() {
            if !ops.contains(&op) {
                break;
            }
            self.bump();
            let bin = match op {
                "+" => BinOp::Add,
                "-" => BinOp::Sub,
                "*" => BinOp::Mul,
                other => BinOp::Other(other),
            };
            rest.push((bin, self.binary(level + 1)?));
        }
        if rest.is_empty() {
            return Ok(first);
        }
        Ok(Expr {
            line: first.line,
            kind: ExprKind::Binary(Box::new(first), rest),
        })
    }

    fn unary(&mut self) -> PResult<Expr> {
        let line = self.line();
        let op = match self.peek() {
            Tok::Op("-") => UnaryOp::Neg,
            Tok::Op("+") => UnaryOp::Pos,
            Tok::Op("~") => UnaryOp::Invert,
            _ => return self.power(),
        };
        self.bump();
        self.enter()?;
        let operand = self.unary();
        self.leave();
        Ok(Expr {
            line,
            kind: ExprKind::Unary(op, Box::new(operand?)),
        })
    }

    fn power(&mut self) -> PResult<Expr> {
        if self.is_keyword("await") {
            return Err(self.unsupported(self.line(), "`await` expressions"));
        }
        let base = self.primary()?;
        if !self.eat_op("**") {
            return Ok(base);
        }
        self.enter()?;
        let exponent = self.unary();
        self.leave();
        Ok(Expr {
            line: base.line,
            kind: ExprKind::Binary(Box::new(base), vec![(BinOp::Other("**"), exponent?)]),
        })
    }

    /// An atom and its trailers: `.name`, `(args)`, `[index]`.
    fn primary(&mut self) -> PResult<Expr> {
        let mut expr = self.atom()?;
        let mut trailers = 0;
        loop {
            let line = self.line();
            if matches!(self.peek(), Tok::Op("." | "(" | "[")) {
                // Each trailer nests the expression one level deeper.
                self.enter()?;
                trailers += 1;
            }
            if self.eat_op(".") {
                let name = match self.peek() {
                    Tok::Name(n) => n.clone(),
                    _ => return Err(self.unexpected("an attribute name")),
                };
                self.bump();
                expr = Expr {
                    line: expr.line,
                    kind: ExprKind::Attribute(Box::new(expr), name),
                };
            } else if self.eat_op("(") {
                self.enter()?;
                let args = self.call_arguments();
                self.leave();
                let (args, plain) = args?;
                expr = Expr {
                    line: expr.line,
                    kind: ExprKind::Call {
                        func: Box::new(expr),
                        args,
                        plain,
                    },
                };
            } else if self.eat_op("[") {
                self.enter()?;
                let index = self.subscript(line);
                self.leave();
                expr = Expr {
                    line: expr.line,
                    kind: ExprKind::Subscript(Box::new(expr), Box::new(index?)),
                };
            } else {
                for _ in 0..trailers {
                    self.leave();
                }
                return Ok(expr);
            }
        }
    }

    fn call_arguments(&mut self) -> PResult<(Vec<Expr>, bool)> {
        let mut args = Vec::new();
        let mut plain = true;
        while !self.eat_op(")") {
            if self.eat_op("*") || self.eat_op("**") {
                plain = false;
                self.test()?;
            } else if matches!((self.peek(), self.peek_at(1)), (Tok::Name(_), Tok::Op("="))) {
                plain = false;
                self.bump();
                self.bump();
                self.test()?;
            } else {
                let arg = self.test()?;
                if self.is_keyword("for") {
                    return Err(self.unsupported(self.line(), "generator expressions"));
                }
                args.push(arg);
            }
            if !self.eat_op(",") {
                self.expect_op(")")?;
                break;
            }
        }
        Ok((args, plain))
    }

    fn subscript(&mut self, line: usize) -> PResult<Expr> {
        if self.is_op(":") {
            return Err(self.unsupported(line, "slices (`x[a:b]`)"));
        }
        let index = self.testlist()?;
        if self.is_op(":") {
            return Err(self.unsupported(line, "slices (`x[a:b]`)"));
        }
        self.expect_op("]")?;
        Ok(index)
    }

    fn atom(&mut self) -> PResult<Expr> {
        let line = self.line();
        let kind = match self.peek().clone() {
            Tok::Name(name) => {
                let kind = match name.as_str() {
                    "True" => ExprKind::Literal(Literal::Bool(true)),
                    "False" => ExprKind::Literal(Literal::Bool(false)),
                    "None" => ExprKind::Literal(Literal::None),
                    "lambda" => return Err(self.unsupported(line, "`lambda` expressions")),
                    "yield" => return Err(self.unsupported(line, "`yield` expressions")),
                    n if KEYWORDS.contains(&n) => return Err(self.unexpected("an expression")),
                    _ => ExprKind::Name(name),
                };
                self.bump();
                kind
            }
            Tok::Int(i) => {
                self.bump();
                ExprKind::Literal(Literal::Int(i))
            }
            Tok::Float(f) => {
                self.bump();
                ExprKind::Literal(Literal::Float(f))
            }
            Tok::Str(_) => self.strings()?,
            Tok::Op("(") => {
                self.bump();
                self.enter()?;
                let inner = self.parenthesized(line);
                self.leave();
                return inner;
            }
            Tok::Op("[") => {
                self.bump();
                self.enter()?;
                let items = self.sequence("]", "list comprehensions");
                self.leave();
                ExprKind::List(items?)
            }
            Tok::Op("{") => {
                self.bump();
                self.enter()?;
                let dict = self.dict(line);
                self.leave();
                dict?
            }
            Tok::Op("...") => return Err(self.unsupported(line, "`...` (Ellipsis) values")),
            _ => return Err(self.unexpected("an expression")),
        };
        Ok(Expr { line, kind })
    }

    /// Adjacent string literals, concatenated.
    fn strings(&mut self) -> PResult<ExprKind> {
        let line = self.line();
        let mut text: Option<String> = None;
        let mut bytes: Option<Vec<u8>> = None;
        // With an f-string among them, the pieces of all of them.
        let mut parts: Option<Vec<FPart>> = None;
        while let Tok::Str(lit) = self.peek() {
            match lit {
                StrLit::Text(s) => text.get_or_insert_with(String::new).push_str(s),
                StrLit::Bytes(b) => bytes.get_or_insert_with(Vec::new).extend_from_slice(b),
                StrLit::Formatted(f) => {
                    let pieces = parts.get_or_insert_with(Vec::new);
                    if let Some(t) = text.take() {
                        pieces.push(FPart::Text(t));
                    }
                    pieces.extend(f.iter().cloned());
                }
            }
            self.bump();
        }
        if bytes.is_some() && (text.is_some() || parts.is_some()) {
            return Err(self.fault(line, "cannot mix bytes and nonbytes literals"));
        }
        Ok(if let Some(mut pieces) = parts {
            if let Some(t) = text {
                pieces.push(FPart::Text(t));
            }
            ExprKind::FString(pieces)
        } else if let Some(b) = bytes {
            ExprKind::Literal(Literal::Bytes(b))
        } else {
            ExprKind::Literal(Literal::Str(text.unwrap_or_default()))
        })
    }

    /// After `(`: the empty tuple, a parenthesized expression or a tuple.
    fn parenthesized(&mut self, line: usize) -> PResult<Expr> {
        if self.eat_op(")") {
            return Ok(Expr {
                line,
                kind: ExprKind::Tuple(Vec::new()),
            });
        }
        if self.is_keyword("yield") {
            return Err(self.unsupported(line, "`yield` expressions"));
        }
        let first = self.test_or_star()?;
        if self.is_keyword("for") {
            return Err(self.unsupported(line, "generator expressions"));
        }
        if self.eat_op(")") {
            return Ok(first);
        }
        self.expect_op(",")?;
        let mut items = vec![first];
        items.extend(self.sequence(")", "generator expressions")?);
        Ok(Expr {
            line,
            kind: ExprKind::Tuple(items),
        })
    }

    /// Comma-separated expressions up to `close` (trailing comma allowed).
    fn sequence(&mut self, close: &str, comprehension: &str) -> PResult<Vec<Expr>> {
        let mut items = Vec::new();
        while !self.eat_op(close) {
            items.push(self.test_or_star()?);
            if self.is_keyword("for") {
                return Err(self.unsupported(self.line(), comprehension));
            }
            if !self.eat_op(",") {
                self.expect_op(close)?;
                break;
            }
        }
        Ok(items)
    }

    /// After `{`: a dict (sets are not supported).
    fn dict(&mut self, line: usize) -> PResult<ExprKind> {
        let mut items = Vec::new();
        while !self.eat_op("}") {
            if self.is_op("**") {
                return Err(self.unsupported(self.line(), "dict unpacking (`**x`)"));
            }
            let key = self.test_or_star()?;
            if !self.is_op(":") {
                if items.is_empty() && (self.is_op(",") || self.is_op("}")) {
                    return Err(self.unsupported(line, "set literals"));
                }
                if self.is_keyword("for") {
                    return Err(self.unsupported(line, "set comprehensions"));
                }
            }
            self.expect_op(":")?;
            let value = self.test()?;
            if self.is_keyword("for") {
                return Err(self.unsupported(line, "dict comprehensions"));
            }
            items.push((key, value));
            if !self.eat_op(",") {
                self.expect_op("}")?;
                break;
            }
        }
        Ok(ExprKind::Dict(items))
    }
}

/// The name at the root of `A.b[c]`, if it is a setting (for error messages).
fn root_name(expr: &Expr) -> Option<String> {
    match &expr.kind {
        ExprKind::Name(n) => Some(n.clone()),
        ExprKind::Attribute(inner, _) | ExprKind::Subscript(inner, _) => root_name(inner),
        ExprKind::Tuple(items) | ExprKind::List(items) => items.iter().find_map(root_name),
        _ => None,
    }
}
