// Runs before every test file (vitest setupFiles): closes what helpers opened, after each test.
import { afterEach } from 'vitest'
import { closeAll } from './helpers/cleanup.js'

afterEach(closeAll)
