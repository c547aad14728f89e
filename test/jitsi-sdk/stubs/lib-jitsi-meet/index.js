module.exports = (typeof window !== 'undefined' && window.JitsiMeetJS) || {};
