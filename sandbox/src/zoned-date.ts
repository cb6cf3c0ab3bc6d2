/**
 * The script's Date: Apps Script runs a script in its project's time zone (appsscript.json
 * `timeZone`), whatever the zone of the machine. The sandbox gives each execution's context its own
 * Date constructor, made in the context's realm from the context's original Date, whose local
 * fields (getHours, setDate, String(date), toLocaleString, parsing of strings without an offset,
 * new Date(y, m, d)) are computed in that zone, and whose "now" is the sandbox clock. The context's
 * Intl.DateTimeFormat defaults to the same zone.
 */
import vm from 'node:vm';
import { zonedParts, zonedToEpoch } from './services/utilities';

/** Host helpers the in-context Date calls (they take and return primitives only). */
interface ZoneHelpers {
  /** [year, month0, day, hour, minute, second, ms, weekday, offsetMinutes] */
  parts(ms: number): number[];
  /** The instant of a wall time (month 0-11; fields may overflow). */
  toEpoch(y: number, mo: number, d: number, h: number, mi: number, s: number, ms: number): number;
  now(): number;
  /** The zone's long name at an instant, as V8 prints it in Date#toString. */
  zoneName(ms: number): string;
  timeZone: string;
}

const SOURCE = String.raw`(function (H) {
  'use strict';
  var D = Date;
  var P = D.prototype;
  var getTime = P.getTime;
  var setTime = P.setTime;
  var toStr = Object.prototype.toString;
  var DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  var MONS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  var cacheMs = NaN;
  var cache = null;
  function tv(d) { return getTime.call(d); }
  function parts(d) {
    var t = tv(d);
    if (t !== t) return null;
    if (t !== cacheMs) { cache = H.parts(t); cacheMs = t; }
    return cache;
  }
  function fromLocal(f) {
    for (var i = 0; i < 7; i++) {
      f[i] = Number(f[i]);
      if (!isFinite(f[i])) return NaN;
      f[i] = Math.trunc(f[i]);
    }
    return H.toEpoch(f[0], f[1], f[2], f[3], f[4], f[5], f[6]);
  }
  function wallToEpoch(u) {
    if (u !== u) return NaN;
    var d = new D(u);
    return fromLocal([d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds(), d.getUTCMilliseconds()]);
  }
  function parse(s) {
    s = String(s).trim();
    // ISO date-only forms are UTC; ISO date-times without an offset are local time.
    if (/^[+-]?\d{4,6}(-\d\d(-\d\d)?)?$/.test(s)) return D.parse(s);
    if (/^[+-]?\d{4,6}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?$/.test(s)) return wallToEpoch(D.parse(s + 'Z'));
    if (/^[+-]?\d{4,6}-\d\d-\d\dT/.test(s)) return D.parse(s);
    // Other forms: an explicit zone wins; else the wall time is read in the script's zone.
    if (/(\b(GMT|UTC|UT|Z)\b|[+-]\d\d:?\d\d\b|\b[ECMP][SD]T\b)/.test(s)) return D.parse(s);
    var u = D.parse(s + ' GMT');
    if (u === u) return wallToEpoch(u);
    return D.parse(s);
  }
  function year2(y) {
    y = Number(y);
    var i = Math.trunc(y);
    return isFinite(y) && i >= 0 && i <= 99 ? 1900 + i : y;
  }
  var Zoned = function Date(year, monthIndex, day, hours, minutes, seconds, ms) {
    if (!new.target) return Zoned.prototype.toString.call(Reflect.construct(Zoned, []));
    var n = arguments.length;
    var t;
    if (n === 0) t = H.now();
    else if (n === 1) {
      var v = year;
      if (v !== null && typeof v === 'object' && toStr.call(v) === '[object Date]') t = tv(v);
      else {
        if (v !== null && (typeof v === 'object' || typeof v === 'function')) {
          var prim = typeof v[Symbol.toPrimitive] === 'function' ? v[Symbol.toPrimitive]('default') : v.valueOf();
          v = prim !== null && typeof prim === 'object' ? String(v) : prim;
        }
        t = typeof v === 'string' ? parse(v) : Number(v);
      }
    } else {
      t = fromLocal([year2(year), monthIndex, n > 2 ? day : 1, n > 3 ? hours : 0, n > 4 ? minutes : 0, n > 5 ? seconds : 0, n > 6 ? ms : 0]);
    }
    // new Date(...) takes the fast path (a class constructor); subclasses of Date the general one.
    return new.target === Zoned ? new Fast(t) : Reflect.construct(D, [t], new.target);
  };
  class Fast extends D {
    constructor(t) { super(t); }
  }
  var Z = Fast.prototype;
  Zoned.prototype = Z;
  Object.defineProperty(Z, 'constructor', { value: Zoned, writable: true, configurable: true });
  Object.defineProperty(Zoned, 'prototype', { writable: false });
  function def(o, name, fn) { Object.defineProperty(o, name, { value: fn, writable: true, configurable: true }); }
  def(Zoned, 'now', function now() { return H.now(); });
  def(Zoned, 'parse', function parse_(s) { return parse(s); });
  def(Zoned, 'UTC', D.UTC);
  function getter(i, fix) {
    return function () { var p = parts(this); return p ? (fix ? fix(p[i]) : p[i]) : NaN; };
  }
  def(Z, 'getFullYear', getter(0));
  def(Z, 'getYear', getter(0, function (y) { return y - 1900; }));
  def(Z, 'getMonth', getter(1));
  def(Z, 'getDate', getter(2));
  def(Z, 'getHours', getter(3));
  def(Z, 'getMinutes', getter(4));
  def(Z, 'getSeconds', getter(5));
  def(Z, 'getMilliseconds', getter(6));
  def(Z, 'getDay', getter(7));
  def(Z, 'getTimezoneOffset', getter(8, function (o) { return o === 0 ? 0 : -o; }));
  function setter(first, count, startFromZero) {
    return function () {
      var p = parts(this);
      if (!p) {
        if (!startFromZero) return NaN;
        p = H.parts(0);
        p = [p[0], p[1], p[2], 0, 0, 0, 0];
      }
      var f = [p[0], p[1], p[2], p[3], p[4], p[5], p[6]];
      var n = Math.max(1, Math.min(count, arguments.length));
      for (var i = 0; i < n; i++) f[first + i] = arguments[i];
      var t = fromLocal(f);
      setTime.call(this, t);
      return tv(this);
    };
  }
  def(Z, 'setFullYear', setter(0, 3, true));
  def(Z, 'setMonth', setter(1, 2));
  def(Z, 'setDate', setter(2, 1));
  def(Z, 'setHours', setter(3, 4));
  def(Z, 'setMinutes', setter(4, 3));
  def(Z, 'setSeconds', setter(5, 2));
  def(Z, 'setMilliseconds', setter(6, 1));
  def(Z, 'setYear', function setYear(y) { return Z.setFullYear.call(this, year2(y)); });
  function pad(n, w) { var s = String(Math.abs(n)); while (s.length < w) s = '0' + s; return (n < 0 ? '-' : '') + s; }
  function offset(p) { var o = p[8]; var a = Math.abs(o); return 'GMT' + (o < 0 ? '-' : '+') + pad(Math.floor(a / 60), 2) + pad(a % 60, 2); }
  function datePart(p) { return DAYS[p[7]] + ' ' + MONS[p[1]] + ' ' + pad(p[2], 2) + ' ' + pad(p[0], 4); }
  function timePart(p, t) { return pad(p[3], 2) + ':' + pad(p[4], 2) + ':' + pad(p[5], 2) + ' ' + offset(p) + ' (' + H.zoneName(t) + ')'; }
  def(Z, 'toString', function toString() { var p = parts(this); return p ? datePart(p) + ' ' + timePart(p, tv(this)) : 'Invalid Date'; });
  def(Z, 'toDateString', function toDateString() { var p = parts(this); return p ? datePart(p) : 'Invalid Date'; });
  def(Z, 'toTimeString', function toTimeString() { var p = parts(this); return p ? timePart(p, tv(this)) : 'Invalid Date'; });
  function zoned(options) {
    var o = options === undefined ? {} : Object(options);
    return o.timeZone === undefined ? Object.assign({}, o, { timeZone: H.timeZone }) : o;
  }
  var toLocale = { toLocaleString: P.toLocaleString, toLocaleDateString: P.toLocaleDateString, toLocaleTimeString: P.toLocaleTimeString };
  Object.keys(toLocale).forEach(function (name) {
    var f = toLocale[name];
    def(Z, name, { [name]: function (locales, options) { return f.call(this, locales, zoned(options)); } }[name]);
  });
  var DTF = Intl.DateTimeFormat;
  var ZonedDTF = function DateTimeFormat(locales, options) {
    return Reflect.construct(DTF, [locales, zoned(options)], new.target || DTF);
  };
  ZonedDTF.prototype = DTF.prototype;
  def(ZonedDTF, 'supportedLocalesOf', DTF.supportedLocalesOf);
  def(Intl, 'DateTimeFormat', ZonedDTF);
  return Zoned;
})`;

/** Replaces the context's Date (and Intl.DateTimeFormat's default zone) with ones in `timeZone`. */
export function installZonedDate(context: vm.Context, timeZone: string, now: () => number): DateConstructor {
  const longNames = new Map<string, Intl.DateTimeFormat>();
  let intlZone = timeZone;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
  } catch {
    intlZone = 'UTC';
  }
  const helpers: ZoneHelpers = {
    timeZone: intlZone,
    now,
    parts(ms) {
      const p = zonedParts(ms, timeZone);
      return [p.year, p.month - 1, p.day, p.hour, p.minute, p.second, p.millisecond, p.weekday, p.offsetMinutes];
    },
    toEpoch: (y, mo, d, h, mi, s, ms) => zonedToEpoch(timeZone, y, mo + 1, d, h, mi, s, ms),
    zoneName(ms) {
      let f = longNames.get(timeZone);
      if (!f) {
        try {
          f = new Intl.DateTimeFormat('en-US', { timeZone: intlZone, timeZoneName: 'long' });
        } catch {
          f = new Intl.DateTimeFormat('en-US', { timeZone: 'UTC', timeZoneName: 'long' });
        }
        longNames.set(timeZone, f);
      }
      return f.formatToParts(new Date(ms)).find((p) => p.type === 'timeZoneName')?.value ?? timeZone;
    },
  };
  const factory = vm.runInContext(SOURCE, context, { filename: 'sandbox-realm' }) as (h: ZoneHelpers) => DateConstructor;
  const Zoned = factory(helpers);
  (context as Record<string, unknown>).Date = Zoned;
  return Zoned;
}
