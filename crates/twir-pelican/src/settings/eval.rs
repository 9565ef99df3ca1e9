//! Runs the parsed statements with Python's semantics for the supported subset.
//!
//! Values are bounded in size and depth (see [`Limits`]) so that no file, however
//! written, makes the evaluator allocate without bound or recurse deeply.

use super::Fault;
use super::ast::{BinOp, CmpOp, Expr, ExprKind, Literal, Stmt, StmtKind, UnaryOp};
use super::lexer::FPart;
use super::{PyValue, is_setting_name};
use std::collections::HashMap;

/// Deepest value (lists in lists...); real settings files nest three or four levels.
pub(super) const MAX_VALUE_DEPTH: usize = 64;

/// A runtime value: [`PyValue`] plus what only exists while the file runs.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Value {
    None,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(String),
    Bytes(Vec<u8>),
    List(Vec<Value>),
    Tuple(Vec<Value>),
    Dict(Vec<(String, Value)>),
    /// The `os` module.
    Os,
    /// `os.environ`.
    Environ,
    /// `os.environ.get` and `os.getenv` (same behaviour for twir).
    EnvGet,
}

impl Value {
    fn type_name(&self) -> &'static str {
        match self {
            Value::None => "NoneType",
            Value::Bool(_) => "bool",
            Value::Int(_) => "int",
            Value::Float(_) => "float",
            Value::Str(_) => "str",
            Value::Bytes(_) => "bytes",
            Value::List(_) => "list",
            Value::Tuple(_) => "tuple",
            Value::Dict(_) => "dict",
            Value::Os => "module",
            Value::Environ => "os.environ",
            Value::EnvGet => "function",
        }
    }

    fn is_object(&self) -> bool {
        matches!(self, Value::Os | Value::Environ | Value::EnvGet)
    }

    /// The number the value stands for in arithmetic and comparisons (bools are ints).
    fn number(&self) -> Option<Number> {
        match self {
            Value::Bool(b) => Some(Number::Int(i64::from(*b))),
            Value::Int(i) => Some(Number::Int(*i)),
            Value::Float(f) => Some(Number::Float(*f)),
            _ => None,
        }
    }
}

#[derive(Clone, Copy)]
enum Number {
    Int(i64),
    Float(f64),
}

/// Bounds on values built while the file runs.
#[derive(Debug, Clone, Copy)]
pub(super) struct Limits {
    /// Largest value, counted as string bytes plus one per item.
    pub max_weight: usize,
}

impl Limits {
    /// Generous for any real file: a file's values are made from its own literals.
    pub(super) fn for_text(text: &str) -> Self {
        Limits {
            max_weight: 64 * 1024 + text.len().saturating_mul(4),
        }
    }
}

type EResult<T> = Result<T, Fault>;

/// The result of running a file: every global, and where upper-case ones were set.
pub(super) struct Globals {
    /// Upper-case names in first-assignment order, with the line of the last assignment.
    pub settings: Vec<(String, Value, usize)>,
}

pub(super) fn run(
    stmts: &[Stmt],
    env: &dyn Fn(&str) -> Option<String>,
    limits: Limits,
) -> EResult<Globals> {
    let mut eval = Evaluator {
        env,
        limits,
        vars: HashMap::new(),
        order: Vec::new(),
        lines: HashMap::new(),
    };
    eval.block(stmts)?;
    let mut settings = Vec::with_capacity(eval.order.len());
    for name in eval.order {
        if let Some(value) = eval.vars.remove(&name) {
            let line = eval.lines.get(&name).copied().unwrap_or(1);
            settings.push((name, value, line));
        }
    }
    Ok(Globals { settings })
}

struct Evaluator<'e> {
    env: &'e dyn Fn(&str) -> Option<String>,
    limits: Limits,
    vars: HashMap<String, Value>,
    order: Vec<String>,
    lines: HashMap<String, usize>,
}

fn fault(line: usize, reason: impl Into<String>) -> Fault {
    Fault {
        line,
        reason: reason.into(),
        settings: Vec::new(),
    }
}

fn unsupported(line: usize, what: &str) -> Fault {
    fault(line, format!("{what} are not supported"))
}

impl Evaluator<'_> {
    fn block(&mut self, stmts: &[Stmt]) -> EResult<()> {
        for stmt in stmts {
            self.statement(stmt)?;
        }
        Ok(())
    }

    fn statement(&mut self, stmt: &Stmt) -> EResult<()> {
        let in_setting = |names: &[String], mut f: Fault| {
            if f.settings.is_empty() {
                f.settings = names.to_vec();
            }
            f
        };
        match &stmt.kind {
            StmtKind::Assign { targets, value } => {
                let value = self.expr(value).map_err(|f| in_setting(targets, f))?;
                for target in targets {
                    self.assign(target, value.clone(), stmt.line);
                }
            }
            StmtKind::AugAssign { target, op, value } => {
                let names = std::slice::from_ref(target);
                let current = self
                    .lookup(target, stmt.line)
                    .map_err(|f| in_setting(names, f))?;
                let operand = self.expr(value).map_err(|f| in_setting(names, f))?;
                let result = match (op, current, operand) {
                    // `list += iterable` extends the list.
                    (
                        BinOp::Add,
                        Value::List(mut items),
                        Value::List(more) | Value::Tuple(more),
                    ) => {
                        items.extend(more);
                        self.checked(Value::List(items), stmt.line)
                    }
                    (op, current, operand) => self.binary(*op, current, operand, stmt.line),
                }
                .map_err(|f| in_setting(names, f))?;
                self.assign(target, result, stmt.line);
            }
            StmtKind::Expr(expr) => {
                self.expr(expr)?;
            }
            StmtKind::If {
                branches,
                otherwise,
            } => {
                for (cond, body) in branches {
                    let value = self.expr(cond).map_err(|f| {
                        let mut names = Vec::new();
                        stmt.assigned_settings(&mut names);
                        in_setting(&names, f)
                    })?;
                    if self.truthy(&value, cond.line)? {
                        return self.block(body);
                    }
                }
                self.block(otherwise)?;
            }
            StmtKind::ImportOs { name } => self.assign(name, Value::Os, stmt.line),
            StmtKind::Nothing => {}
            StmtKind::Unsupported { what, setting } => {
                let mut f = unsupported(stmt.line, what);
                f.settings = setting.iter().cloned().collect();
                return Err(f);
            }
        }
        Ok(())
    }

    fn assign(&mut self, name: &str, value: Value, line: usize) {
        if is_setting_name(name) {
            if !self.lines.contains_key(name) {
                self.order.push(name.to_string());
            }
            self.lines.insert(name.to_string(), line);
        }
        self.vars.insert(name.to_string(), value);
    }

    fn lookup(&self, name: &str, line: usize) -> EResult<Value> {
        self.vars.get(name).cloned().ok_or_else(|| {
            let hint = match name {
                "os" => " (add `import os`)",
                "__file__" | "__name__" => " (twir reads the file without running Python)",
                _ => "",
            };
            fault(line, format!("name `{name}` is not defined{hint}"))
        })
    }

    /// Checks that a newly built value stays within the limits.
    fn checked(&self, value: Value, line: usize) -> EResult<Value> {
        let mut weight = 0usize;
        measure(&value, 0, &mut weight, self.limits.max_weight, line)?;
        Ok(value)
    }

    fn truthy(&self, value: &Value, line: usize) -> EResult<bool> {
        Ok(match value {
            Value::None => false,
            Value::Bool(b) => *b,
            Value::Int(i) => *i != 0,
            Value::Float(f) => *f != 0.0,
            Value::Str(s) => !s.is_empty(),
            Value::Bytes(b) => !b.is_empty(),
            Value::List(v) | Value::Tuple(v) => !v.is_empty(),
            Value::Dict(d) => !d.is_empty(),
            Value::Os | Value::EnvGet => true,
            Value::Environ => {
                return Err(unsupported(line, "truth tests of `os.environ`"));
            }
        })
    }

    fn expr(&mut self, expr: &Expr) -> EResult<Value> {
        let line = expr.line;
        match &expr.kind {
            ExprKind::Literal(lit) => Ok(match lit {
                Literal::None => Value::None,
                Literal::Bool(b) => Value::Bool(*b),
                Literal::Int(i) => Value::Int(*i),
                Literal::Float(f) => Value::Float(*f),
                Literal::Str(s) => Value::Str(s.clone()),
                Literal::Bytes(b) => Value::Bytes(b.clone()),
            }),
            ExprKind::Name(name) => self.lookup(name, line),
            ExprKind::List(items) => {
                let items = self.exprs(items)?;
                self.checked(Value::List(items), line)
            }
            ExprKind::Tuple(items) => {
                let items = self.exprs(items)?;
                self.checked(Value::Tuple(items), line)
            }
            ExprKind::Dict(pairs) => {
                let mut dict: Vec<(String, Value)> = Vec::with_capacity(pairs.len());
                for (k, v) in pairs {
                    let key = match self.expr(k)? {
                        Value::Str(s) => s,
                        other => {
                            return Err(fault(
                                k.line,
                                format!(
                                    "dict keys other than strings are not supported (found {})",
                                    other.type_name()
                                ),
                            ));
                        }
                    };
                    let value = self.expr(v)?;
                    // A repeated key keeps its first position and takes the last value.
                    match dict.iter_mut().find(|(existing, _)| *existing == key) {
                        Some(slot) => slot.1 = value,
                        None => dict.push((key, value)),
                    }
                }
                self.checked(Value::Dict(dict), line)
            }
            ExprKind::Unary(op, operand) => {
                let value = self.expr(operand)?;
                self.unary(*op, value, line)
            }
            ExprKind::Binary(first, rest) => {
                let mut value = self.expr(first)?;
                for (op, operand) in rest {
                    let right = self.expr(operand)?;
                    value = self.binary(*op, value, right, operand.line)?;
                }
                Ok(value)
            }
            // `and`/`or` return the operand that decided, and evaluate no further.
            ExprKind::And(operands) | ExprKind::Or(operands) => {
                let stop_when = matches!(expr.kind, ExprKind::Or(_));
                let mut value = Value::None;
                for operand in operands {
                    value = self.expr(operand)?;
                    if self.truthy(&value, operand.line)? == stop_when {
                        break;
                    }
                }
                Ok(value)
            }
            ExprKind::Compare(first, rest) => {
                let mut left = self.expr(first)?;
                for (op, right) in rest {
                    let right_value = self.expr(right)?;
                    if !self.compare(*op, &left, &right_value, right.line)? {
                        return Ok(Value::Bool(false));
                    }
                    left = right_value;
                }
                Ok(Value::Bool(true))
            }
            ExprKind::IfElse {
                cond,
                then,
                otherwise,
            } => {
                let cond_value = self.expr(cond)?;
                if self.truthy(&cond_value, cond.line)? {
                    self.expr(then)
                } else {
                    self.expr(otherwise)
                }
            }
            ExprKind::Attribute(object, name) => {
                let object = self.expr(object)?;
                match (&object, name.as_str()) {
                    (Value::Os, "environ") => Ok(Value::Environ),
                    (Value::Os, "getenv") | (Value::Environ, "get") => Ok(Value::EnvGet),
                    (object, name) => Err(fault(
                        line,
                        format!(
                            "attribute access other than os.environ and os.getenv is not supported (`.{name}` of a {} value)",
                            object.type_name()
                        ),
                    )),
                }
            }
            ExprKind::Call { func, args, plain } => {
                // An undefined function is reported as a call twir does not make, unless
                // the call is meant for `os` (then the missing `import os` is the news).
                let callee = match self.expr(func) {
                    Err(f) if root_is_os(func) => return Err(f),
                    other => other.ok(),
                };
                if callee != Some(Value::EnvGet) {
                    return Err(fault(
                        line,
                        format!(
                            "function calls other than os.environ.get and os.getenv are not supported (`{}(...)`)",
                            describe(func)
                        ),
                    ));
                }
                if !plain || args.is_empty() || args.len() > 2 {
                    return Err(fault(
                        line,
                        "os.environ.get and os.getenv take a name and an optional default, without keywords",
                    ));
                }
                let name = match self.expr(&args[0])? {
                    Value::Str(name) => name,
                    other => {
                        return Err(fault(
                            line,
                            format!(
                                "environment variable names must be strings, not {}",
                                other.type_name()
                            ),
                        ));
                    }
                };
                let default = match args.get(1) {
                    Some(arg) => self.expr(arg)?,
                    None => Value::None,
                };
                Ok((self.env)(&name).map_or(default, Value::Str))
            }
            ExprKind::Subscript(object, index) => {
                let object = self.expr(object)?;
                let index = self.expr(index)?;
                self.subscript(object, index, line)
            }
            ExprKind::FString(parts) => {
                let mut out = String::new();
                for part in parts {
                    match part {
                        FPart::Text(t) => out.push_str(t),
                        FPart::Name(name) if matches!(name.as_str(), "True" | "False" | "None") => {
                            out.push_str(name);
                        }
                        FPart::Name(name) => match self.lookup(name, line)? {
                            Value::Str(s) => out.push_str(&s),
                            Value::Int(i) => out.push_str(&i.to_string()),
                            Value::Bool(b) => out.push_str(if b { "True" } else { "False" }),
                            Value::None => out.push_str("None"),
                            other => {
                                return Err(fault(
                                    line,
                                    format!(
                                        "f-string field `{{{name}}}` holds a {} value: twir formats strings, ints, booleans and None",
                                        other.type_name()
                                    ),
                                ));
                            }
                        },
                        FPart::Other(field) => {
                            return Err(fault(
                                line,
                                format!(
                                    "f-string fields other than a name are not supported (`{{{field}}}`)"
                                ),
                            ));
                        }
                    }
                    self.room(out.len(), line)?;
                }
                Ok(Value::Str(out))
            }
        }
    }

    fn exprs(&mut self, items: &[Expr]) -> EResult<Vec<Value>> {
        items.iter().map(|e| self.expr(e)).collect()
    }

    fn unary(&self, op: UnaryOp, value: Value, line: usize) -> EResult<Value> {
        match (op, value.number()) {
            (UnaryOp::Not, _) => Ok(Value::Bool(!self.truthy(&value, line)?)),
            (UnaryOp::Neg, Some(Number::Int(i))) => i
                .checked_neg()
                .map(Value::Int)
                .ok_or_else(|| overflow(line)),
            (UnaryOp::Neg, Some(Number::Float(f))) => Ok(Value::Float(-f)),
            (UnaryOp::Pos, Some(Number::Int(i))) => Ok(Value::Int(i)),
            (UnaryOp::Pos, Some(Number::Float(f))) => Ok(Value::Float(f)),
            (UnaryOp::Invert, _) => Err(unsupported(line, "bitwise operators")),
            (_, None) => Err(fault(
                line,
                format!("bad operand type for unary operator: {}", value.type_name()),
            )),
        }
    }

    fn binary(&self, op: BinOp, left: Value, right: Value, line: usize) -> EResult<Value> {
        let type_error = |left: &Value, right: &Value, symbol: &str| {
            fault(
                line,
                format!(
                    "unsupported operand types for {symbol}: {} and {}",
                    left.type_name(),
                    right.type_name()
                ),
            )
        };
        let symbol = match op {
            BinOp::Add => "+",
            BinOp::Sub => "-",
            BinOp::Mul => "*",
            BinOp::Other(symbol) => {
                let what = match symbol {
                    "%" => "`%` formatting and remainders",
                    "/" | "//" => "divisions",
                    "**" => "powers",
                    _ => "bitwise and matrix operators",
                };
                return Err(unsupported(line, what));
            }
        };
        if let (Some(a), Some(b)) = (left.number(), right.number()) {
            return arithmetic(op, a, b).ok_or_else(|| overflow(line));
        }
        if op != BinOp::Add {
            return Err(type_error(&left, &right, symbol));
        }
        let joined = match (left, right) {
            (Value::Str(mut a), Value::Str(b)) => {
                self.room(a.len().saturating_add(b.len()), line)?;
                a.push_str(&b);
                Value::Str(a)
            }
            (Value::Bytes(mut a), Value::Bytes(b)) => {
                self.room(a.len().saturating_add(b.len()), line)?;
                a.extend(b);
                Value::Bytes(a)
            }
            (Value::List(mut a), Value::List(b)) => {
                a.extend(b);
                Value::List(a)
            }
            (Value::Tuple(mut a), Value::Tuple(b)) => {
                a.extend(b);
                Value::Tuple(a)
            }
            (left, right) => return Err(type_error(&left, &right, symbol)),
        };
        self.checked(joined, line)
    }

    fn room(&self, len: usize, line: usize) -> EResult<()> {
        if len > self.limits.max_weight {
            return Err(too_big(line, self.limits.max_weight));
        }
        Ok(())
    }

    fn compare(&self, op: CmpOp, left: &Value, right: &Value, line: usize) -> EResult<bool> {
        if let (CmpOp::In | CmpOp::NotIn, Value::Environ) = (op, right) {
            let Value::Str(name) = left else {
                return Err(fault(line, "environment variable names must be strings"));
            };
            return Ok((self.env)(name).is_some() == (op == CmpOp::In));
        }
        if left.is_object() || right.is_object() {
            return Err(unsupported(
                line,
                &format!(
                    "comparisons with `{}` objects",
                    if left.is_object() { left } else { right }.type_name()
                ),
            ));
        }
        Ok(match op {
            CmpOp::Eq => equal(left, right),
            CmpOp::NotEq => !equal(left, right),
            CmpOp::Is | CmpOp::IsNot => {
                let singleton = |v: &Value| matches!(v, Value::None | Value::Bool(_));
                if !singleton(left) && !singleton(right) {
                    return Err(unsupported(
                        line,
                        "`is` tests other than with None, True or False",
                    ));
                }
                let same = match (left, right) {
                    (Value::None, Value::None) => true,
                    (Value::Bool(a), Value::Bool(b)) => a == b,
                    _ => false,
                };
                same == (op == CmpOp::Is)
            }
            CmpOp::In | CmpOp::NotIn => contains(right, left, line)? == (op == CmpOp::In),
            CmpOp::Lt | CmpOp::LtE | CmpOp::Gt | CmpOp::GtE => {
                let ordering = order(left, right).ok_or_else(|| {
                    fault(
                        line,
                        format!(
                            "ordering comparisons are supported between numbers or between strings, not {} and {}",
                            left.type_name(),
                            right.type_name()
                        ),
                    )
                })?;
                match op {
                    CmpOp::Lt => ordering.is_lt(),
                    CmpOp::LtE => ordering.is_le(),
                    CmpOp::Gt => ordering.is_gt(),
                    _ => ordering.is_ge(),
                }
            }
        })
    }

    fn subscript(&self, object: Value, index: Value, line: usize) -> EResult<Value> {
        match (object, index) {
            (Value::Environ, Value::Str(name)) => {
                (self.env)(&name).map(Value::Str).ok_or_else(|| {
                    fault(
                        line,
                        format!("environment variable `{name}` is not set (KeyError)"),
                    )
                })
            }
            (Value::Dict(pairs), Value::Str(key)) => pairs
                .into_iter()
                .find(|(k, _)| *k == key)
                .map(|(_, v)| v)
                .ok_or_else(|| fault(line, format!("key `{key}` is not in the dict (KeyError)"))),
            (Value::List(items) | Value::Tuple(items), index)
                if index.number().is_some() && !matches!(index, Value::Float(_)) =>
            {
                let Some(Number::Int(i)) = index.number() else {
                    return Err(fault(line, "index must be an integer"));
                };
                let len = i64::try_from(items.len()).unwrap_or(i64::MAX);
                let position = if i < 0 { i.checked_add(len) } else { Some(i) };
                position
                    .and_then(|p| usize::try_from(p).ok())
                    .and_then(|p| items.into_iter().nth(p))
                    .ok_or_else(|| fault(line, "index out of range (IndexError)"))
            }
            (object, index) => Err(fault(
                line,
                format!(
                    "subscripts other than dict[str], list[int] and os.environ[str] are not supported ({}[{}])",
                    object.type_name(),
                    index.type_name()
                ),
            )),
        }
    }
}

fn overflow(line: usize) -> Fault {
    fault(
        line,
        "integer overflow (twir computes with 64-bit integers)",
    )
}

fn too_big(line: usize, max: usize) -> Fault {
    fault(
        line,
        format!("value too large (more than {max} bytes and items)"),
    )
}

/// Adds up a value's weight and checks its depth, stopping as soon as a limit is passed.
fn measure(
    value: &Value,
    depth: usize,
    weight: &mut usize,
    max_weight: usize,
    line: usize,
) -> EResult<()> {
    if depth > MAX_VALUE_DEPTH {
        return Err(fault(
            line,
            format!("value nested more than {MAX_VALUE_DEPTH} levels deep"),
        ));
    }
    *weight = weight.saturating_add(1);
    match value {
        Value::Str(s) => *weight = weight.saturating_add(s.len()),
        Value::Bytes(b) => *weight = weight.saturating_add(b.len()),
        Value::List(items) | Value::Tuple(items) => {
            for item in items {
                measure(item, depth + 1, weight, max_weight, line)?;
            }
        }
        Value::Dict(pairs) => {
            for (key, item) in pairs {
                *weight = weight.saturating_add(key.len());
                measure(item, depth + 1, weight, max_weight, line)?;
            }
        }
        _ => {}
    }
    if *weight > max_weight {
        return Err(too_big(line, max_weight));
    }
    Ok(())
}

fn arithmetic(op: BinOp, a: Number, b: Number) -> Option<Value> {
    match (a, b) {
        (Number::Int(a), Number::Int(b)) => match op {
            BinOp::Add => a.checked_add(b),
            BinOp::Sub => a.checked_sub(b),
            _ => a.checked_mul(b),
        }
        .map(Value::Int),
        (a, b) => {
            let (a, b) = (as_float(a), as_float(b));
            Some(Value::Float(match op {
                BinOp::Add => a + b,
                BinOp::Sub => a - b,
                _ => a * b,
            }))
        }
    }
}

#[allow(clippy::cast_precision_loss)]
fn as_float(n: Number) -> f64 {
    match n {
        Number::Int(i) => i as f64,
        Number::Float(f) => f,
    }
}

/// Python's `==` (ints, floats and bools compare as numbers; list and tuple differ).
fn equal(left: &Value, right: &Value) -> bool {
    if let (Some(a), Some(b)) = (left.number(), right.number()) {
        return match (a, b) {
            (Number::Int(a), Number::Int(b)) => a == b,
            (Number::Float(a), Number::Float(b)) => a == b,
            (Number::Int(i), Number::Float(f)) | (Number::Float(f), Number::Int(i)) => {
                int_equals_float(i, f)
            }
        };
    }
    match (left, right) {
        (Value::None, Value::None) => true,
        (Value::Str(a), Value::Str(b)) => a == b,
        (Value::Bytes(a), Value::Bytes(b)) => a == b,
        (Value::List(a), Value::List(b)) | (Value::Tuple(a), Value::Tuple(b)) => {
            a.len() == b.len() && a.iter().zip(b).all(|(x, y)| equal(x, y))
        }
        (Value::Dict(a), Value::Dict(b)) => {
            a.len() == b.len()
                && a.iter().all(|(k, v)| {
                    b.iter()
                        .find(|(k2, _)| k2 == k)
                        .is_some_and(|(_, v2)| equal(v, v2))
                })
        }
        _ => false,
    }
}

/// Exact comparison of an int and a float, as Python does it.
#[allow(clippy::cast_precision_loss, clippy::cast_possible_truncation)]
fn int_equals_float(i: i64, f: f64) -> bool {
    // 2^63 is exactly representable; every float in [-2^63, 2^63) with no fraction
    // converts to i64 without loss.
    const TWO_63: f64 = 9_223_372_036_854_775_808.0;
    f.fract() == 0.0 && (-TWO_63..TWO_63).contains(&f) && f as i64 == i
}

fn order(left: &Value, right: &Value) -> Option<std::cmp::Ordering> {
    if let (Some(a), Some(b)) = (left.number(), right.number()) {
        return match (a, b) {
            (Number::Int(a), Number::Int(b)) => Some(a.cmp(&b)),
            (a, b) => as_float(a).partial_cmp(&as_float(b)),
        };
    }
    match (left, right) {
        // UTF-8 byte order is code point order, as Python compares strings.
        (Value::Str(a), Value::Str(b)) => Some(a.cmp(b)),
        (Value::Bytes(a), Value::Bytes(b)) => Some(a.cmp(b)),
        _ => None,
    }
}

/// `needle in haystack`.
fn contains(haystack: &Value, needle: &Value, line: usize) -> EResult<bool> {
    match (haystack, needle) {
        (Value::Str(h), Value::Str(n)) => Ok(h.contains(n.as_str())),
        (Value::Bytes(h), Value::Bytes(n)) => {
            Ok(n.is_empty() || h.windows(n.len()).any(|w| w == n.as_slice()))
        }
        (Value::List(items) | Value::Tuple(items), needle) => {
            Ok(items.iter().any(|item| equal(item, needle)))
        }
        (Value::Dict(pairs), Value::Str(key)) => Ok(pairs.iter().any(|(k, _)| k == key)),
        (Value::Dict(_), _) => Ok(false),
        (haystack, needle) => Err(fault(
            line,
            format!(
                "`in` needs a container: cannot look for {} in {}",
                needle.type_name(),
                haystack.type_name()
            ),
        )),
    }
}

fn root_is_os(expr: &Expr) -> bool {
    match &expr.kind {
        ExprKind::Name(n) => n == "os",
        ExprKind::Attribute(inner, _) => root_is_os(inner),
        _ => false,
    }
}

/// A short rendering of a callee for messages: `a.b.c`, or `(...)`.
fn describe(expr: &Expr) -> String {
    match &expr.kind {
        ExprKind::Name(n) => n.clone(),
        ExprKind::Attribute(inner, name) => format!("{}.{name}", describe(inner)),
        ExprKind::Literal(Literal::Str(_)) => "'...'".into(),
        _ => "(...)".into(),
    }
}

/// Converts a final value to what templates see (tuples become lists, bytes text).
pub(super) fn to_py(value: Value) -> Result<PyValue, &'static str> {
    Ok(match value {
        Value::None => PyValue::None,
        Value::Bool(b) => PyValue::Bool(b),
        Value::Int(i) => PyValue::Int(i),
        Value::Float(f) => PyValue::Float(f),
        Value::Str(s) => PyValue::Str(s),
        Value::Bytes(b) => PyValue::Str(String::from_utf8_lossy(&b).into_owned()),
        Value::List(items) | Value::Tuple(items) => {
            PyValue::List(items.into_iter().map(to_py).collect::<Result<_, _>>()?)
        }
        Value::Dict(pairs) => PyValue::Dict(
            pairs
                .into_iter()
                .map(|(k, v)| Ok::<_, &'static str>((k, to_py(v)?)))
                .collect::<Result<_, _>>()?,
        ),
        Value::Os | Value::Environ | Value::EnvGet => {
            return Err("a module or function is not a setting value");
        }
    })
}
