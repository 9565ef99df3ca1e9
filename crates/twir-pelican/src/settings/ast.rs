//! The statements and expressions of a settings file, as parsed.
//!
//! Constructs twir recognises but does not evaluate (function calls, loops, `def`...) are
//! kept as nodes and only fail when executed, as Python would: a branch of an `if` that the
//! environment does not select may hold anything Python accepts.

/// A literal value.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Literal {
    None,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(String),
    Bytes(Vec<u8>),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum BinOp {
    Add,
    Sub,
    Mul,
    /// Operators twir parses but does not evaluate (`/`, `%`, `**`, `|`...).
    Other(&'static str),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum CmpOp {
    Eq,
    NotEq,
    Lt,
    LtE,
    Gt,
    GtE,
    In,
    NotIn,
    Is,
    IsNot,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum UnaryOp {
    Not,
    Neg,
    Pos,
    Invert,
}

/// An expression and the line it starts on.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Expr {
    pub line: usize,
    pub kind: ExprKind,
}

#[derive(Debug, Clone, PartialEq)]
pub(super) enum ExprKind {
    Literal(Literal),
    Name(String),
    List(Vec<Expr>),
    Tuple(Vec<Expr>),
    Dict(Vec<(Expr, Expr)>),
    Unary(UnaryOp, Box<Expr>),
    /// A left-associative chain `a + b - c` (flat, so long chains do not nest deeply).
    Binary(Box<Expr>, Vec<(BinOp, Expr)>),
    /// `a and b and c`.
    And(Vec<Expr>),
    /// `a or b or c`.
    Or(Vec<Expr>),
    Compare(Box<Expr>, Vec<(CmpOp, Expr)>),
    /// `then if cond else otherwise`.
    IfElse {
        cond: Box<Expr>,
        then: Box<Expr>,
        otherwise: Box<Expr>,
    },
    Attribute(Box<Expr>, String),
    /// A call; `plain` is false when it has keyword, `*` or `**` arguments.
    Call {
        func: Box<Expr>,
        args: Vec<Expr>,
        plain: bool,
    },
    Subscript(Box<Expr>, Box<Expr>),
    /// An f-string's pieces.
    FString(Vec<super::lexer::FPart>),
}

/// A statement and the line it starts on.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Stmt {
    pub line: usize,
    pub kind: StmtKind,
}

#[derive(Debug, Clone, PartialEq)]
pub(super) enum StmtKind {
    /// `A = B = value`.
    Assign { targets: Vec<String>, value: Expr },
    /// `A += value` and the other augmented assignments.
    AugAssign {
        target: String,
        op: BinOp,
        value: Expr,
    },
    /// A bare expression (a docstring, a call...): evaluated, its value dropped.
    Expr(Expr),
    /// `if`/`elif` branches, then the `else` block.
    If {
        branches: Vec<(Expr, Vec<Stmt>)>,
        otherwise: Vec<Stmt>,
    },
    /// `import os` / `import os.path`: binds `name` to the `os` module.
    ImportOs { name: String },
    /// `pass`, `from __future__ import ...`, an annotation without a value.
    Nothing,
    /// A statement twir does not execute; `setting` is the name it assigns, if any.
    Unsupported {
        what: String,
        setting: Option<String>,
    },
}

impl Stmt {
    /// The upper-case names this statement may assign (for errors about a condition).
    pub(super) fn assigned_settings(&self, out: &mut Vec<String>) {
        let mut add = |name: &String| {
            if super::is_setting_name(name) && !out.contains(name) {
                out.push(name.clone());
            }
        };
        match &self.kind {
            StmtKind::Assign { targets, .. } => targets.iter().for_each(add),
            StmtKind::AugAssign { target, .. } => add(target),
            StmtKind::Unsupported {
                setting: Some(name),
                ..
            } => add(name),
            StmtKind::If {
                branches,
                otherwise,
            } => {
                for stmt in branches.iter().flat_map(|(_, b)| b).chain(otherwise) {
                    stmt.assigned_settings(out);
                }
            }
            _ => {}
        }
    }
}
