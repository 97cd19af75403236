import { render } from 'preact'
import { App } from './app'
import '../styles/base.css'
import '../styles/organizer.css'

render(<App />, document.getElementById('app')!)
