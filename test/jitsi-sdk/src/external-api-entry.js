// /external_api.js: jitsi-meet's own IFrame API client from the SDK (modules/API/external), as a real
// Jitsi server serves it to the platforms that embed it (Moodle, Element, Nextcloud, HumHub).
import JitsiMeetExternalAPI from '@jitsi/react-native-sdk/modules/API/external/external_api.js';

window.JitsiMeetExternalAPI = JitsiMeetExternalAPI;
