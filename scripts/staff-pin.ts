// Prints the `staffPin` launch-URL value for a staff PIN: `npm run staff:pin -- 246813`. The PIN is typed by
// the operator on their own machine; only the salted hash goes into the kiosk's URL.
import { hashStaffPin } from '../app/staff/staff-pin';

const pin = process.argv[2] ?? '';
try {
  console.log(await hashStaffPin(pin));
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
}
